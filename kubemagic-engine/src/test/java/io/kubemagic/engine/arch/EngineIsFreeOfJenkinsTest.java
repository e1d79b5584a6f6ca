package io.kubemagic.engine.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The engine runs in the CLI and on agents without Jenkins: no Jenkins type may creep in. */
@AnalyzeClasses(packages = "io.kubemagic.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class EngineIsFreeOfJenkinsTest {

    @ArchTest
    static final ArchRule noJenkinsTypes = noClasses().that().resideInAPackage("io.kubemagic.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke..")
            .because("the engine must run without Jenkins (CLI, agents, the day Jenkins' own cluster is down)");

    @ArchTest
    static final ArchRule noCliTypes = noClasses().that().resideInAPackage("io.kubemagic.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("picocli..", "io.kubemagic.cli..")
            .because("front ends depend on the engine, never the other way round");
}
