package io.jenkins.plugins.kubemagic;

import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a Jenkinsfile as Groovy and lists every call of a step that does not exist, and every
 * named parameter a Kube Magic step does not have.
 */
public final class PipelineScriptChecker {
    /** Declarative keywords and core/common steps the examples may use besides ours. */
    static final Set<String> OTHER_STEPS = Set.of("pipeline", "agent", "any", "none", "label", "node", "triggers", "cron",
            "options", "timeout", "disableConcurrentBuilds", "buildDiscarder", "logRotator", "parameters", "string",
            "booleanParam", "choice", "text", "password", "stages", "stage", "steps", "script", "when", "expression",
            "branch", "environment", "input", "error", "echo", "sh", "readFile", "writeFile", "fileExists", "post",
            "always", "success", "failure", "unstable", "cleanup", "archiveArtifacts", "junit", "withCredentials",
            "usernamePassword", "file", "sshUserPrivateKey", "dir", "parallel", "retry", "sleep", "checkout", "scm",
            "git", "stash", "unstash", "buildPlugin", "kubernetes", "container", "podTemplate", "currentBuild", "params",
            "env", "lock", "milestone");

    private final Map<String, Set<String>> kubeMagicSteps;

    public PipelineScriptChecker(Map<String, Set<String>> kubeMagicSteps) {
        this.kubeMagicSteps = kubeMagicSteps;
    }

    public List<String> problems(String name, String script) {
        CompilationUnit unit = new CompilationUnit();
        SourceUnit source = unit.addSource(name, script);
        unit.compile(Phases.CONVERSION);
        ModuleNode module = source.getAST();
        List<String> problems = new ArrayList<>();
        ClassCodeVisitorSupport visitor = new ClassCodeVisitorSupport() {
            @Override
            protected SourceUnit getSourceUnit() {
                return source;
            }

            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                if (call.isImplicitThis()) {
                    check(call, problems);
                }
                super.visitMethodCallExpression(call);
            }
        };
        // The script body is the run() method of the script class, so visiting the classes covers it.
        module.getClasses().forEach(visitor::visitClass);
        return problems;
    }

    private void check(MethodCallExpression call, List<String> problems) {
        String step = call.getMethodAsString();
        if (step == null) {
            return;
        }
        Set<String> parameters = kubeMagicSteps.get(step);
        if (parameters == null) {
            if (!OTHER_STEPS.contains(step)) {
                problems.add("line " + call.getLineNumber() + ": unknown step " + step);
            }
            return;
        }
        for (String argument : namedArguments(call.getArguments())) {
            if (!parameters.contains(argument)) {
                problems.add("line " + call.getLineNumber() + ": " + step + " has no parameter " + argument);
            }
        }
    }

    private static List<String> namedArguments(Expression arguments) {
        List<String> names = new ArrayList<>();
        List<Expression> expressions = arguments instanceof TupleExpression tuple ? tuple.getExpressions()
                : arguments instanceof ArgumentListExpression list ? list.getExpressions() : List.of(arguments);
        for (Expression expression : expressions) {
            if (expression instanceof MapExpression map) {
                for (MapEntryExpression entry : map.getMapEntryExpressions()) {
                    names.add(entry.getKeyExpression().getText());
                }
            }
        }
        return names;
    }
}
