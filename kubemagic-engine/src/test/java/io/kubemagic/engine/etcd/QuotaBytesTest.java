package io.kubemagic.engine.etcd;

import io.kubemagic.engine.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuotaBytesTest {

    @Test
    void digitsAreBytes() {
        assertThat(QuotaBytes.parse("quotaBytes", "2147483648")).isEqualTo(2147483648L);
        assertThat(QuotaBytes.parse("quotaBytes", " 21474836480 ")).isEqualTo(21474836480L);
    }

    @ParameterizedTest
    @CsvSource({
            "2G, Write 2147483648 for 2 GiB (or 2000000000 for 2 GB)",
            "20Mi, Write 20971520 for 20 MiB",
            "20Gi, Write 21474836480 for 20 GiB",
            "8GB, Write 8589934592 for 8 GiB",
    })
    void unitsAreRefusedWithTheNumberToWrite(String value, String fix) {
        assertThatThrownBy(() -> QuotaBytes.parse("quotaBytes", value))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("quotaBytes: \"" + value + "\" is not a number of bytes")
                .hasMessageContaining("strconv.ParseInt")
                .hasMessageContaining(fix);
    }

    @Test
    void nonsenseZeroAndEmptyAreRefused() {
        assertThatThrownBy(() -> QuotaBytes.parse("quotaBytes", "lots")).hasMessageContaining("digits only");
        assertThatThrownBy(() -> QuotaBytes.parse("quotaBytes", "0")).hasMessageContaining("more than 0");
        assertThatThrownBy(() -> QuotaBytes.parse("quotaBytes", "")).hasMessageContaining("no quota given");
        assertThatThrownBy(() -> QuotaBytes.parse("quotaBytes", "99999999999999999999")).hasMessageContaining("too large");
    }

    @Test
    void aQuotaUnderOneGibIsWarnedAboutAsTheTwentyMiMistake() {
        assertThat(QuotaBytes.warningFor("quotaBytes", 20L * 1024 * 1024)).hasValueSatisfying(w -> assertThat(w)
                .contains("20 MiB").contains("under 1 GiB").contains("Did you mean 21474836480 (20 GiB)?"));
        assertThat(QuotaBytes.warningFor("quotaBytes", QuotaBytes.ETCD_DEFAULT)).isEmpty();
        assertThat(QuotaBytes.warningFor("quotaBytes", 16L * 1024 * 1024 * 1024)).hasValueSatisfying(w ->
                assertThat(w).contains("above the 8 GiB"));
    }

    @Test
    void humanSizes() {
        assertThat(QuotaBytes.human(512)).isEqualTo("512 B");
        assertThat(QuotaBytes.human(20L * 1024 * 1024)).isEqualTo("20 MiB");
        assertThat(QuotaBytes.human(1536L * 1024 * 1024)).isEqualTo("1.5 GiB");
    }
}
