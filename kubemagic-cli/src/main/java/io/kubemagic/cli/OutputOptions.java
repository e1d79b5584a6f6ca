package io.kubemagic.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** How a command reports: tables or JSON, where the audit trail goes, who is named in it. */
public final class OutputOptions {
    @Option(names = "--json", description = "Print the result as JSON on stdout (progress goes to stderr).")
    boolean json;

    @Option(names = "--audit-log", paramLabel = "FILE",
            description = "Append one JSON line per operation to FILE (default: $KUBEMAGIC_AUDIT_LOG, else none).")
    Path auditLog;

    @Option(names = "--who", paramLabel = "NAME", description = "Who runs this, for the audit record (default: $USER).")
    String who;

    @Option(names = "--debug", description = "Print stack traces with errors (secrets still masked).")
    boolean debug;

    Path auditLog(KubeMagicCommand root) {
        if (auditLog != null) {
            return auditLog;
        }
        String fromEnv = root.env("KUBEMAGIC_AUDIT_LOG");
        return fromEnv == null ? null : Path.of(fromEnv);
    }

    String who(KubeMagicCommand root) {
        if (who != null && !who.isBlank()) {
            return who;
        }
        String user = root.env("USER");
        return user == null ? System.getProperty("user.name", "unknown") : user;
    }
}
