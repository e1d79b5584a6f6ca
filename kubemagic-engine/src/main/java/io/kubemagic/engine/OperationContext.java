package io.kubemagic.engine;

import io.kubemagic.engine.audit.AuditTrail;
import io.kubemagic.engine.console.Console;
import io.kubemagic.engine.console.MaskingConsole;
import io.kubemagic.engine.console.SecretMasker;

import java.nio.file.Path;

/**
 * What every engine operation gets besides its request: who runs it, where its output goes
 * (always through the masker) and where its audit record is written.
 */
public final class OperationContext {
    private final String who;
    private final SecretMasker masker;
    private final MaskingConsole console;
    private final AuditTrail audit;

    public OperationContext(String who, Console console, Path auditLog) {
        this.who = who;
        this.masker = new SecretMasker();
        this.console = new MaskingConsole(console, masker);
        this.audit = new AuditTrail(auditLog, masker);
    }

    public String who() {
        return who;
    }

    public SecretMasker masker() {
        return masker;
    }

    public Console console() {
        return console;
    }

    public AuditTrail audit() {
        return audit;
    }
}
