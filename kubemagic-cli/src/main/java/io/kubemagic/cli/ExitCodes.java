package io.kubemagic.cli;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.KubeMagicException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The exit codes of {@code kubemagic}, in one table: scripts and {@code sh} steps branch on them,
 * and {@code --help} prints this same table.
 */
public final class ExitCodes {
    /** The operation did what was asked (a dry run counts). */
    public static final int OK = 0;
    /** The operation failed or stopped part-way (a defrag prints where it stopped and how to go on). */
    public static final int FAILED = 1;
    /** Bad input, found before anything was changed: a flag, a file, a quota such as "2G". */
    public static final int BAD_INPUT = 2;
    /** etcd could not be reached, or refused the TLS handshake or the credentials. */
    public static final int UNREACHABLE = 3;
    /** The operation ran, but the verification failed or the NOSPACE alarm was kept. */
    public static final int NOT_VERIFIED = 4;
    /** {@code scan}: the vulnerability gate failed (more findings at or above the threshold than allowed). */
    public static final int GATE_FAILED = 5;
    /** {@code scan --on-violation unstable}: the gate broke and asks for an unstable build. */
    public static final int GATE_UNSTABLE = 6;
    /** Interrupted (Ctrl-C, SIGINT, build aborted): 128 + SIGINT, as shells report it. */
    public static final int INTERRUPTED = 130;

    /** Code to meaning, in the order {@code --help} lists them. */
    public static final Map<Integer, String> TABLE;

    static {
        Map<Integer, String> table = new LinkedHashMap<>();
        table.put(OK, "success");
        table.put(FAILED, "operation failed (e.g. defrag stopped part-way: see the resume hint)");
        table.put(BAD_INPUT, "bad input (option, file, quota such as \"2G\"); nothing was changed");
        table.put(UNREACHABLE, "a server or host unreachable, TLS handshake or login refused");
        table.put(NOT_VERIFIED, "verification failed, or the NOSPACE alarm was kept");
        table.put(GATE_FAILED, "scan: the vulnerability gate failed");
        table.put(GATE_UNSTABLE, "scan: the gate broke, build is unstable (--on-violation unstable)");
        table.put(INTERRUPTED, "interrupted (Ctrl-C / aborted)");
        TABLE = java.util.Collections.unmodifiableMap(table);
    }

    private ExitCodes() {
    }

    /** The exit code for a failure that ended a command. */
    public static int of(Throwable failure) {
        if (isInterruption(failure)) {
            return INTERRUPTED;
        }
        if (failure instanceof InvalidInputException || failure instanceof CommandLine.ParameterException) {
            return BAD_INPUT;
        }
        if (failure instanceof KubeMagicException && isConnectionFailure(failure)) {
            return UNREACHABLE;
        }
        return FAILED;
    }

    static boolean isInterruption(Throwable failure) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException || t instanceof java.nio.channels.ClosedByInterruptException) {
                return true;
            }
            if (t instanceof KubeMagicException && t.getMessage() != null && t.getMessage().contains("interrupted")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Connecting failed: nothing listens, no answer in time, TLS handshake, or authentication.
     * Judged on the causes the engine keeps, and on the explanation {@code EtcdFailures} wrote.
     */
    static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof TimeoutException || t instanceof ClosedChannelException
                    || t instanceof javax.net.ssl.SSLException || t instanceof java.security.cert.CertificateException
                    || t instanceof java.net.UnknownHostException || t instanceof java.net.NoRouteToHostException) {
                return true;
            }
            String name = t.getClass().getName();
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if ((name.startsWith("io.grpc.") || name.startsWith("io.etcd.jetcd."))
                    && (message.contains("unavailable") || message.contains("unauthenticated")
                    || message.contains("deadline_exceeded") || message.contains("deadline exceeded")
                    || message.contains("authentication") || message.contains("invalid auth token")
                    || message.contains("user name is empty"))) {
                return true;
            }
        }
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        return message.contains("(connection refused)") || message.contains("no answer within the timeout")
                || message.contains("TLS certificate") || message.contains("client certificate")
                || message.contains("speaks plain HTTP") || message.contains("expects TLS")
                || message.contains("refused the user name or password")
                || message.contains("has authentication enabled") || message.contains("cannot set up TLS");
    }

    /** Adds the table to a command's {@code --help}, so the help and this class never disagree. */
    public static final class HelpSection implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            Map<String, String> list = new LinkedHashMap<>();
            TABLE.forEach((code, meaning) -> list.put(String.format(Locale.ROOT, "%3d", code), meaning));
            spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(list);
            return spec;
        }
    }
}
