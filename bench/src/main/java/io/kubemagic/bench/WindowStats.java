package io.kubemagic.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The client writes that started in one time window: how many, how many failed (every attempt
 * failed), how many needed more than one attempt, and their latency (first attempt sent to the
 * answer, retries included).
 */
record WindowStats(int total, int failed, int retried, long maxLatencyMillis, long p99LatencyMillis,
                   long medianLatencyMillis, Map<String, Integer> servedBy) {

    static WindowStats of(List<WriteLoad.Write> writes, long fromNanos, long toNanos) {
        List<WriteLoad.Write> in = writes.stream()
                .filter(w -> w.startNanos() >= fromNanos && w.startNanos() < toNanos)
                .toList();
        int failed = (int) in.stream().filter(w -> !w.ok()).count();
        int retried = (int) in.stream().filter(w -> w.attempts() > 1).count();
        long[] latencies = in.stream().mapToLong(WriteLoad.Write::latencyMillis).sorted().toArray();
        Map<String, Integer> servedBy = new TreeMap<>();
        in.stream().filter(WriteLoad.Write::ok).forEach(w -> servedBy.merge(w.servedBy(), 1, Integer::sum));
        return new WindowStats(in.size(), failed, retried,
                latencies.length == 0 ? 0 : latencies[latencies.length - 1],
                percentile(latencies, 0.99), percentile(latencies, 0.50), servedBy);
    }

    /** Nearest-rank percentile of sorted values; 0 for none. */
    static long percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
