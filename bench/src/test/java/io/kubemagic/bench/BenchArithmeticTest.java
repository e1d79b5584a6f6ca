package io.kubemagic.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The only tests of the bench module: the arithmetic, in milliseconds. No etcd, no benchmark runs in the build. */
class BenchArithmeticTest {

    private static WriteLoad.Write write(long index, long startMillis, long latencyMillis, boolean ok, int attempts) {
        long start = startMillis * 1_000_000;
        return new WriteLoad.Write(index, start, start + latencyMillis * 1_000_000, ok, attempts, ok ? "etcd1" : null, null);
    }

    @Test
    void windowCountsOnlyWritesStartedInsideIt() {
        List<WriteLoad.Write> writes = List.of(
                write(0, 10, 5, true, 1),      // before the window
                write(1, 100, 7, true, 1),
                write(2, 120, 900, true, 3),
                write(3, 140, 2100, false, 4),
                write(4, 300, 1, true, 1));    // after the window
        WindowStats stats = WindowStats.of(writes, 100L * 1_000_000, 300L * 1_000_000);
        assertThat(stats.total()).isEqualTo(3);
        assertThat(stats.failed()).isEqualTo(1);
        assertThat(stats.retried()).isEqualTo(2);
        assertThat(stats.maxLatencyMillis()).isEqualTo(2100);
        assertThat(stats.medianLatencyMillis()).isEqualTo(900);
        assertThat(stats.servedBy()).isEqualTo(Map.of("etcd1", 2));
    }

    @Test
    void emptyWindowIsAllZero() {
        WindowStats stats = WindowStats.of(List.of(), 0, 1);
        assertThat(stats.total()).isZero();
        assertThat(stats.maxLatencyMillis()).isZero();
        assertThat(stats.p99LatencyMillis()).isZero();
    }

    @Test
    void percentileIsNearestRank() {
        long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(WindowStats.percentile(sorted, 0.5)).isEqualTo(5);
        assertThat(WindowStats.percentile(sorted, 0.99)).isEqualTo(10);
    }

    @Test
    void ratioOfNothingIsNotANumber() {
        assertThat(EtcdDefragBench.ratio(3, 2)).isEqualTo(1.5);
        assertThat(EtcdDefragBench.ratio(3, 0)).isNaN();
    }

    @Test
    void argumentsBeatEnvironmentAndTyposAreCaught() {
        BenchOptions options = new BenchOptions(List.of("--rounds=2", "--rouns=5"), Map.of("BENCH_ROUNDS", "7", "BENCH_RATE", "80"));
        assertThat(options.integer("rounds", 3, 1, 50)).isEqualTo(2);
        assertThat(options.integer("rate", 50, 1, 5000)).isEqualTo(80);
        assertThat(options.unknown()).containsExactly("rouns");
        assertThatThrownBy(() -> options.integer("retries", 3, 0, 2)).hasMessageContaining("not between");
    }
}
