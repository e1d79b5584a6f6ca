package io.kubemagic.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemagic.engine.console.SecretMasker;
import io.kubemagic.engine.console.SecretValue;
import io.kubemagic.engine.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AuditTrailTest {
    @TempDir
    Path work;

    @Test
    void oneJsonLinePerOperationWithEverythingAnAuditorAsksFor() throws Exception {
        Path file = work.resolve("logs/audit.jsonl");
        AuditTrail trail = new AuditTrail(file, new SecretMasker());
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("quotaBytes", 2147483648L);
        parameters.put("password", SecretValue.of("hunter2"));

        trail.begin("alice", "etcd.defrag", Map.of("endpoints", List.of("https://10.0.0.1:2379")), parameters)
                .finish(AuditRecord.Outcome.SUCCESS, "3 member(s) defragmented");
        trail.begin("bob", "etcd.status", Map.of(), Map.of()).finish(AuditRecord.Outcome.FAILURE, "connection refused");

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        JsonNode first = Json.mapper().readTree(lines.get(0));
        assertThat(first.get("who").asText()).isEqualTo("alice");
        assertThat(first.get("operation").asText()).isEqualTo("etcd.defrag");
        assertThat(first.get("target").get("endpoints").get(0).asText()).isEqualTo("https://10.0.0.1:2379");
        assertThat(first.get("parameters").get("quotaBytes").asLong()).isEqualTo(2147483648L);
        assertThat(first.get("parameters").get("password").asText()).isEqualTo("****");
        assertThat(first.get("start").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(first.get("end").asText()).isNotBlank();
        assertThat(first.get("outcome").asText()).isEqualTo("SUCCESS");
        assertThat(Json.mapper().readTree(lines.get(1)).get("outcome").asText()).isEqualTo("FAILURE");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aSecretThatReachedAMessageByAnyPathIsMaskedInTheFile() throws Exception {
        Path file = work.resolve("audit.jsonl");
        SecretMasker masker = new SecretMasker().add("hunter2");
        new AuditTrail(file, masker).begin("alice", "etcd.status", Map.of("note", "user:hunter2"), Map.of("raw", "hunter2"))
                .finish(AuditRecord.Outcome.FAILURE, "login hunter2 refused");

        assertThat(Files.readString(file)).doesNotContain("hunter2").contains("login **** refused");
    }
}
