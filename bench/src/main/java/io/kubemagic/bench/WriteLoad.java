package io.kubemagic.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.PutResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A steady, open-loop client write load: one small put every {@code 1/rate} seconds, whether or
 * not the earlier ones have answered (as kube-apiserver's clients would). Each attempt has its
 * own timeout; a timed-out or failed attempt is sent again (after a short back-off) through the
 * same jetcd client, whose round-robin balancer sends it to the next member. A write FAILS only
 * when every attempt failed.
 *
 * <p>The ticker thread stops by itself after {@code maxSeconds} at the latest; {@link #stop()}
 * ends it earlier and waits, bounded, for the writes still in flight.
 */
final class WriteLoad {
    /** One client write: when it started and ended (System.nanoTime), how many attempts it took, who answered. */
    record Write(long index, long startNanos, long endNanos, boolean ok, int attempts, String servedBy, String lastError) {
        long latencyMillis() {
            return TimeUnit.NANOSECONDS.toMillis(endNanos - startNanos);
        }
    }

    private static final int MAX_IN_FLIGHT = 2_000;

    private final KV kv;
    private final int ratePerSecond;
    private final long attemptTimeoutMillis;
    private final int retries;
    private final long backoffMillis;
    private final long maxSeconds;
    private final Map<Long, String> memberNames;
    private final ByteSequence value;
    private final ConcurrentLinkedQueue<Write> finished = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean stopping;
    private Thread ticker;

    WriteLoad(KV kv, int ratePerSecond, long attemptTimeoutMillis, int retries, long backoffMillis, long maxSeconds,
              int valueBytes, Map<Long, String> memberNames) {
        this.kv = kv;
        this.ratePerSecond = ratePerSecond;
        this.attemptTimeoutMillis = attemptTimeoutMillis;
        this.retries = retries;
        this.backoffMillis = backoffMillis;
        this.maxSeconds = maxSeconds;
        this.memberNames = Map.copyOf(memberNames);
        byte[] bytes = new byte[valueBytes];
        Arrays.fill(bytes, (byte) 'v');
        this.value = ByteSequence.from(bytes);
    }

    void start() {
        ticker = new Thread(this::tick, "bench-write-load");
        ticker.setDaemon(true);
        ticker.start();
    }

    private void tick() {
        long interval = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        long begin = System.nanoTime();
        long maxWrites = (long) ratePerSecond * maxSeconds;
        for (long i = 0; i < maxWrites && !stopping; i++) {
            long due = begin + i * interval;
            for (long wait = due - System.nanoTime(); wait > 0 && !stopping; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            if (stopping) {
                break;
            }
            long start = System.nanoTime();
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                finished.add(new Write(i, start, start, false, 0, null, "client backlog over " + MAX_IN_FLIGHT));
                continue;
            }
            inFlight.incrementAndGet();
            attempt(i, start, 1, null);
        }
    }

    private void attempt(long index, long start, int attempt, String previousError) {
        CompletableFuture<PutResponse> future;
        try {
            future = kv.put(key(index), value);
        } catch (RuntimeException e) {
            failed(index, start, attempt, describe(e));
            return;
        }
        future.orTimeout(attemptTimeoutMillis, TimeUnit.MILLISECONDS).whenComplete((response, error) -> {
            if (error == null) {
                long id = response.getHeader().getMemberId();
                finish(new Write(index, start, System.nanoTime(), true, attempt,
                        memberNames.getOrDefault(id, Long.toHexString(id)), previousError));
            } else {
                failed(index, start, attempt, describe(error));
            }
        });
    }

    private void failed(long index, long start, int attempt, String error) {
        if (attempt <= retries) {
            CompletableFuture.delayedExecutor(backoffMillis * attempt, TimeUnit.MILLISECONDS)
                    .execute(() -> attempt(index, start, attempt + 1, error));
        } else {
            finish(new Write(index, start, System.nanoTime(), false, attempt, null, error));
        }
    }

    private void finish(Write write) {
        finished.add(write);
        inFlight.decrementAndGet();
    }

    private static ByteSequence key(long index) {
        return ByteSequence.from("/bench/load/" + (index % 1000), StandardCharsets.UTF_8);
    }

    static String describe(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof TimeoutException) {
            return "attempt timeout";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    /**
     * Stops issuing writes and waits until the ones in flight have finished (at most every
     * attempt's timeout and back-off, plus a margin). Returns every finished write, in index order.
     */
    List<Write> stop() {
        stopping = true;
        try {
            if (ticker != null) {
                ticker.join(5_000);
            }
            long bound = (retries + 1) * (attemptTimeoutMillis + backoffMillis * (retries + 1)) + 2_000;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(bound);
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Write> writes = new ArrayList<>(finished);
        writes.sort((a, b) -> Long.compare(a.index(), b.index()));
        return writes;
    }

    int stillInFlight() {
        return inFlight.get();
    }
}
