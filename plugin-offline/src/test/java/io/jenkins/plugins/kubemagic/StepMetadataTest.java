package io.jenkins.plugins.kubemagic;

import io.jenkins.plugins.kubemagic.clair.ClairScanStep;
import io.jenkins.plugins.kubemagic.etcd.EtcdDefragStep;
import io.jenkins.plugins.kubemagic.etcd.EtcdStatusStep;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kohsuke.stapler.DataBoundSetter;

import java.beans.Introspector;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every parameter of every step has its help page and its place in the snippet generator form. */
class StepMetadataTest {

    static List<String> parameters(Class<?> step) {
        List<String> names = new ArrayList<>();
        for (Method method : step.getMethods()) {
            if (method.isAnnotationPresent(DataBoundSetter.class)) {
                names.add(Introspector.decapitalize(method.getName().substring(3)));
            }
        }
        return names;
    }

    private static String resource(Class<?> step, String name) throws IOException {
        String path = "/" + step.getName().replace('.', '/').replace('$', '/') + "/" + name;
        try (InputStream in = step.getResourceAsStream(path)) {
            assertThat(in).as(path + " exists").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(classes = {EtcdStatusStep.class, EtcdDefragStep.class, ClairScanStep.class,
            io.jenkins.plugins.kubemagic.kubespray.KubesprayUpgradeStep.class, io.jenkins.plugins.kubemagic.kube.KubeCordonStep.class,
            io.jenkins.plugins.kubemagic.kube.KubeUncordonStep.class, io.jenkins.plugins.kubemagic.kube.KubeDrainStep.class,
            io.jenkins.plugins.kubemagic.ansible.KubeDeployStep.class, io.jenkins.plugins.kubemagic.ansible.KubesprayScaleStep.class, io.jenkins.plugins.kubemagic.ansible.KubesprayRecoverControlPlaneStep.class, io.jenkins.plugins.kubemagic.ansible.KubesprayRemoveNodeStep.class, io.jenkins.plugins.kubemagic.ansible.KubesprayResetStep.class, io.jenkins.plugins.kubemagic.ansible.CephDeployStep.class, io.jenkins.plugins.kubemagic.ansible.OpenshiftDeployStep.class, io.jenkins.plugins.kubemagic.ansible.KubeMagicPlaybookStep.class, io.jenkins.plugins.kubemagic.ansible.KubeMagicLintStep.class})
    void everyParameterHasHelpAndAFormField(Class<? extends Step> step) throws IOException {
        List<String> parameters = parameters(step);
        assertThat(parameters).isNotEmpty();
        String form = resource(step, "config.jelly");
        for (String parameter : parameters) {
            assertThat(resource(step, "help-" + parameter + ".html")).as("help for " + parameter).contains("<p>");
            assertThat(form).as("config.jelly field " + parameter).contains("field=\"" + parameter + "\"");
        }
    }

    @ParameterizedTest
    @ValueSource(classes = {EtcdStatusStep.class, EtcdDefragStep.class, ClairScanStep.class,
            io.jenkins.plugins.kubemagic.kubespray.KubesprayUpgradeStep.class, io.jenkins.plugins.kubemagic.kube.KubeCordonStep.class,
            io.jenkins.plugins.kubemagic.kube.KubeUncordonStep.class, io.jenkins.plugins.kubemagic.kube.KubeDrainStep.class,
            io.jenkins.plugins.kubemagic.ansible.KubeDeployStep.class, io.jenkins.plugins.kubemagic.ansible.KubesprayScaleStep.class, io.jenkins.plugins.kubemagic.ansible.KubesprayRecoverControlPlaneStep.class, io.jenkins.plugins.kubemagic.ansible.KubesprayRemoveNodeStep.class, io.jenkins.plugins.kubemagic.ansible.KubesprayResetStep.class, io.jenkins.plugins.kubemagic.ansible.CephDeployStep.class, io.jenkins.plugins.kubemagic.ansible.OpenshiftDeployStep.class, io.jenkins.plugins.kubemagic.ansible.KubeMagicPlaybookStep.class, io.jenkins.plugins.kubemagic.ansible.KubeMagicLintStep.class})
    void everyStepHasANestedDescriptorWithAFunctionName(Class<? extends Step> step) throws Exception {
        Class<?> descriptor = Class.forName(step.getName() + "$DescriptorImpl");
        assertThat(StepDescriptor.class).isAssignableFrom(descriptor);
        assertThat(descriptor.isAnnotationPresent(hudson.Extension.class)).isTrue();
        StepDescriptor instance = (StepDescriptor) descriptor.getDeclaredConstructor().newInstance();
        assertThat(instance.getFunctionName()).matches("[a-z][A-Za-z]+");
    }
}
