package io.kubemagic.cli;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.console.Console;
import io.kubemagic.engine.console.PrintStreamConsole;
import io.kubemagic.engine.console.SecretMasker;
import io.kubemagic.engine.json.Json;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What every leaf command shares: the root's environment and streams, one masker for every
 * secret the command touched, and the mapping of failures to {@link ExitCodes} with a message on
 * stderr and no stack trace (unless {@code --debug}).
 */
abstract class CliCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Every secret this command read (password, private key), so no message or trace shows it. */
    final SecretMasker masker = new SecretMasker();
    private OperationContext context;

    /** The command's work; returns an exit code, or throws and {@link #call()} maps the failure. */
    protected abstract int run();

    /** Whether stack traces are wanted. */
    protected abstract boolean debug();

    /** Whether the output is JSON. */
    protected boolean json() {
        return false;
    }

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (RuntimeException | Error e) {
            return fail(e);
        }
    }

    KubeMagicCommand root() {
        return (KubeMagicCommand) spec.root().userObject();
    }

    /** The engine's context: output through the masker, JSON mode sends progress to stderr. */
    OperationContext context(OutputOptions output) {
        if (context == null) {
            Console console = new PrintStreamConsole(output.json ? root().err() : root().out());
            context = new OperationContext(output.who(root()), console, output.auditLog(root()));
            context.masker().addAll(masker);
        }
        return context;
    }

    String mask(String text) {
        if (context != null) {
            masker.addAll(context.masker());
        }
        return masker.mask(text);
    }

    /** A result for machines: pretty JSON on stdout, masked like everything else. */
    void printJson(Object result) {
        root().out().println(mask(Json.writePretty(result)));
        root().out().flush();
    }

    void line(String text) {
        root().out().println(mask(text));
        root().out().flush();
    }

    void error(String text) {
        root().err().println(mask("kubemagic: error: " + text));
        root().err().flush();
    }

    int fail(Throwable failure) {
        int code = ExitCodes.of(failure);
        String message = failure instanceof KubeMagicException || failure instanceof InvalidInputException
                ? failure.getMessage()
                : "unexpected " + failure.getClass().getSimpleName() + ": " + failure.getMessage()
                + (debug() ? "" : " (run again with --debug for the stack trace)");
        if (code == ExitCodes.INTERRUPTED && !(message != null && message.contains("interrupted"))) {
            message = "interrupted: " + message;
        }
        error(message);
        if (debug()) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            root().err().print(mask(trace.toString()));
            root().err().flush();
        }
        if (json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("error", message);
            result.put("exitCode", code);
            printJson(result);
        }
        return code;
    }
}
