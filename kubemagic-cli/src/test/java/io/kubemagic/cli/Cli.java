package io.kubemagic.cli;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Runs kubemagic in-process, as {@code new CommandLine(new KubeMagicCommand(...)).execute(args)}, capturing its output. */
final class Cli {
    record Result(int exitCode, String out, String err, Duration took) {
        String all() {
            return out + err;
        }
    }

    private Cli() {
    }

    /** A clean environment: the machine's own ETCDCTL_* variables must not leak into a test. */
    static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("USER", "tester");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    static Result run(String... args) {
        return run(env(), args);
    }

    static Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        CommandLine commandLine = new CommandLine(new KubeMagicCommand(env, outStream, errStream));
        commandLine.setOut(new PrintWriter(outStream, true));
        commandLine.setErr(new PrintWriter(errStream, true));
        Instant start = Instant.now();
        int code = commandLine.execute(args);
        Duration took = Duration.between(start, Instant.now());
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), took);
    }
}
