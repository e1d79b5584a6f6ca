package io.jenkins.plugins.kubemagic.etcd;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Run;
import hudson.util.ListBoxModel;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jvnet.hudson.test.JenkinsRule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Small helpers shared by the JenkinsRule tests: credentials, sandboxed Pipelines, secret scans. */
final class JenkinsFixtures {
    private JenkinsFixtures() {
    }

    /** Adds credentials to the global domain of the Jenkins (system) store and saves it. */
    static void addGlobalCredentials(Credentials... credentials) throws IOException {
        SystemCredentialsProvider provider = SystemCredentialsProvider.getInstance();
        for (Credentials credential : credentials) {
            provider.getCredentials().add(credential);
        }
        provider.save();
    }

    /** A Pipeline job running {@code script} in the Groovy sandbox, as an ordinary user's Jenkinsfile runs. */
    static WorkflowJob sandboxedPipeline(JenkinsRule j, String name, String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    /**
     * Fails if any file of the build's directory (log, build.xml with the report action and the
     * Pipeline script, flow node records) holds {@code secret}.
     */
    static void assertNoBuildFileContains(Run<?, ?> run, String secret) throws IOException {
        try (Stream<Path> walk = Files.walk(run.getRootDir().toPath())) {
            List<Path> files = walk.filter(Files::isRegularFile).toList();
            for (Path file : files) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(content.contains(secret), () -> file + " holds a secret it must not keep");
            }
        }
    }

    /** The first base64 line of a PEM block: enough to recognise the key if it ever leaked. */
    static String pemBody(String pem) {
        return pem.lines().filter(line -> !line.startsWith("-----") && !line.isBlank()).findFirst().orElseThrow();
    }

    static List<String> values(ListBoxModel model) {
        List<String> values = new ArrayList<>();
        for (ListBoxModel.Option option : model) {
            values.add(option.value);
        }
        return values;
    }
}
