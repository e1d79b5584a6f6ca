package io.jenkins.plugins.kubemagic;

import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
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

    @Test
    void theStepsAreFoundInThePluginClasses() {
        assertThat(PluginClasses.steps()).contains(io.jenkins.plugins.kubemagic.etcd.EtcdDefragStep.class,
                io.jenkins.plugins.kubemagic.clair.ClairScanStep.class, io.jenkins.plugins.kubemagic.ansible.KubeDeployStep.class,
                io.jenkins.plugins.kubemagic.kubespray.KubesprayUpgradeStep.class, io.jenkins.plugins.kubemagic.kube.KubeDrainStep.class)
                .hasSizeGreaterThanOrEqualTo(16);
    }

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
    @MethodSource("io.jenkins.plugins.kubemagic.PluginClasses#steps")
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
    @MethodSource("io.jenkins.plugins.kubemagic.PluginClasses#steps")
    void everyStepHasANestedDescriptorWithAFunctionName(Class<? extends Step> step) throws Exception {
        Class<?> descriptor = Class.forName(step.getName() + "$DescriptorImpl");
        assertThat(StepDescriptor.class).isAssignableFrom(descriptor);
        assertThat(descriptor.isAnnotationPresent(hudson.Extension.class)).isTrue();
        StepDescriptor instance = (StepDescriptor) descriptor.getDeclaredConstructor().newInstance();
        assertThat(instance.getFunctionName()).matches("[a-z][A-Za-z]+");
    }
}
