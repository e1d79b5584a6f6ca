package io.jenkins.plugins.kubemagic;

import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The example Jenkinsfiles and the README's snippets parse and use only steps and parameters that exist. */
class ExamplePipelinesTest {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    static Map<String, Set<String>> registry() throws Exception {
        Map<String, Set<String>> steps = new LinkedHashMap<>();
        for (Class<?> step : PluginClasses.steps()) {
            StepDescriptor descriptor = (StepDescriptor) Class.forName(step.getName() + "$DescriptorImpl")
                    .getDeclaredConstructor().newInstance();
            steps.put(descriptor.getFunctionName(), new HashSet<>(StepMetadataTest.parameters(step)));
        }
        return steps;
    }

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("examples/pipelines"))) {
            List<Path> list = files.filter(f -> f.toString().endsWith(".Jenkinsfile")).sorted().toList();
            assertThat(list).isNotEmpty();
            return Stream.concat(list.stream(), Stream.of(ROOT.resolve("Jenkinsfile")));
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleUsesOnlyRealStepsAndParameters(Path jenkinsfile) throws Exception {
        List<String> problems = new PipelineScriptChecker(registry()).problems(jenkinsfile.getFileName().toString(),
                Files.readString(jenkinsfile));

        assertThat(problems).as(jenkinsfile.toString()).isEmpty();
    }

    @Test
    void groovySnippetsInTheReadmeAndDocsAreCheckedToo() throws Exception {
        List<Path> docs;
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            docs = Stream.concat(Stream.of(ROOT.resolve("README.md")), files.filter(f -> f.toString().endsWith(".md")).sorted()).toList();
        }
        for (Path doc : docs) {
            String markdown = Files.readString(doc);
            int blocks = 0;
            for (String part : markdown.split("```groovy\n")) {
                if (blocks++ == 0) {
                    continue;
                }
                String snippet = part.substring(0, part.indexOf("```"));
                assertThat(new PipelineScriptChecker(registry()).problems(doc.getFileName().toString(), snippet))
                        .as(doc + " snippet:\n" + snippet).isEmpty();
            }
        }
    }

    @Test
    void theCheckerCatchesAMisspelledParameterAndAnUnknownStep() throws Exception {
        List<String> problems = new PipelineScriptChecker(registry()).problems("bad.Jenkinsfile", """
                node {
                    etcdDefrag(endpoints: 'http://127.0.0.1:2379', quota: '2147483648')
                    etcdDefragment endpoints: 'http://127.0.0.1:2379'
                }
                """);

        assertThat(problems).containsExactly("line 2: etcdDefrag has no parameter quota", "line 3: unknown step etcdDefragment");
    }
}
