package io.jenkins.plugins.kubemagic;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.jenkins.plugins.kubemagic.steps.AgentCall;
import org.jenkinsci.plugins.workflow.steps.Step;

import java.util.Comparator;
import java.util.List;

/** Every step and every agent call of the plugin, found in its classes, so a new one cannot be left out of a check. */
public final class PluginClasses {
    private static final List<JavaClass> CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.jenkins.plugins.kubemagic").stream()
            .filter(c -> !c.getModifiers().contains(JavaModifier.ABSTRACT) && !c.isInterface())
            .sorted(Comparator.comparing(JavaClass::getName))
            .toList();

    private PluginClasses() {
    }

    public static List<Class<?>> steps() {
        return concrete(Step.class);
    }

    public static List<Class<?>> agentCalls() {
        return concrete(AgentCall.class);
    }

    private static List<Class<?>> concrete(Class<?> type) {
        return CLASSES.stream().filter(c -> c.isAssignableTo(type)).<Class<?>>map(JavaClass::reflect).toList();
    }
}
