package io.kubemagic.bench;

import io.kubemagic.engine.clair.ClairApi;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The arithmetic of the Clair benchmark, without a registry or a simulator. */
class ClairScanBenchTest {

    @Test
    void minimumRequestsPerApi() {
        assertThat(ClairScanBench.minimumRequests(ClairApi.V4, 3, false)).isEqualTo(3);
        assertThat(ClairScanBench.minimumRequests(ClairApi.V4, 3, true)).isEqualTo(4);
        assertThat(ClairScanBench.minimumRequests(ClairApi.V2, 3, false)).isEqualTo(5);
    }

    @Test
    void ratios() {
        assertThat(ClairScanBench.ratio(600, 500)).isEqualTo(1.2);
        assertThat(ClairScanBench.ratio(1, 0)).isNaN();
    }
}
