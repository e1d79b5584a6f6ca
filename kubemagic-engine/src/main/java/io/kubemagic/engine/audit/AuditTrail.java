package io.kubemagic.engine.audit;

import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.console.SecretMasker;
import io.kubemagic.engine.console.SecretValue;
import io.kubemagic.engine.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes one {@link AuditRecord} per operation as a JSON line. Every record passes through the
 * masker as text, after serialisation, so a secret that reached a message or parameter by any
 * path is still masked. Without a file, records are only returned (Jenkins keeps them in the build).
 */
public final class AuditTrail {
    private final Path file;
    private final SecretMasker masker;
    private final Clock clock;

    public AuditTrail(Path file, SecretMasker masker) {
        this(file, masker, Clock.systemUTC());
    }

    AuditTrail(Path file, SecretMasker masker, Clock clock) {
        this.file = file;
        this.masker = masker;
        this.clock = clock;
    }

    public static AuditTrail inMemory(SecretMasker masker) {
        return new AuditTrail(null, masker);
    }

    /** Starts an operation; finish it with {@link Entry#finish}. */
    public Entry begin(String who, String operation, Map<String, Object> target, Map<String, Object> parameters) {
        return new Entry(who, operation, target, parameters, clock.instant());
    }

    public final class Entry {
        private final String id = UUID.randomUUID().toString();
        private final String who;
        private final String operation;
        private final Map<String, Object> target;
        private final Map<String, Object> parameters;
        private final Instant start;

        private Entry(String who, String operation, Map<String, Object> target, Map<String, Object> parameters, Instant start) {
            this.who = who == null || who.isBlank() ? System.getProperty("user.name", "unknown") : who;
            this.operation = operation;
            this.target = target;
            this.parameters = redact(parameters);
            this.start = start;
        }

        public AuditRecord finish(AuditRecord.Outcome outcome, String message) {
            AuditRecord record = new AuditRecord(id, who, operation, target, parameters, start, clock.instant(), outcome,
                    message == null ? null : masker.mask(message));
            String line = masker.mask(Json.write(record));
            if (file != null) {
                append(line);
            }
            try {
                return Json.mapper().readValue(line, AuditRecord.class);
            } catch (IOException e) {
                throw new IllegalStateException("audit record does not read back", e);
            }
        }
    }

    private static Map<String, Object> redact(Map<String, Object> parameters) {
        Map<String, Object> redacted = new LinkedHashMap<>();
        parameters.forEach((name, value) -> redacted.put(name, value instanceof SecretValue ? SecretValue.MASK : value));
        return redacted;
    }

    private synchronized void append(String line) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new KubeMagicException("cannot append to the audit log " + file + ": " + e.getMessage()
                    + "; check the path (auditLog) and its permissions", e);
        }
    }
}
