package io.kubemagic.engine.console;

import io.kubemagic.engine.testkit.RecordingConsole;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskerTest {

    @Test
    void everyRegisteredSecretIsMaskedInEveryConsoleMethod() {
        RecordingConsole out = new RecordingConsole();
        SecretMasker masker = new SecretMasker().add(SecretValue.of("hunter2")).add("tok-123");
        Console console = new MaskingConsole(out, masker);

        console.line("password=hunter2");
        console.progress("token tok-123 used");
        console.warn("hunter2 and tok-123");

        assertThat(out.text()).doesNotContain("hunter2").doesNotContain("tok-123").contains("password=****");
    }

    @Test
    void aPemKeyIsMaskedWholeAndLineByLine() {
        String key = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n";
        SecretMasker masker = new SecretMasker().add(SecretValue.of(key));

        assertThat(masker.mask("dump: " + key)).isEqualTo("dump: ****");
        assertThat(masker.mask("line: MIIEvQIBADANBgkqhkiG9w0BAQEFAASC")).isEqualTo("line: ****");
        assertThat(masker.mask("-----END PRIVATE KEY-----")).isEqualTo("-----END PRIVATE KEY-----");
    }

    @Test
    void aSecretInsideALongerSecretDoesNotLeaveAPartOfTheLongerOne() {
        SecretMasker masker = new SecretMasker().add("abc").add("xxabcxx");

        assertThat(masker.mask("v=xxabcxx")).isEqualTo("v=****");
    }

    @Test
    void secretValuesNeverPrintThemselves() {
        SecretValue secret = SecretValue.of("hunter2");

        assertThat(secret.toString()).isEqualTo("****");
        assertThat(String.valueOf(java.util.Map.of("password", secret))).doesNotContain("hunter2");
        assertThat(io.kubemagic.engine.json.Json.write(java.util.Map.of("password", secret))).isEqualTo("{\"password\":\"****\"}");
    }
}
