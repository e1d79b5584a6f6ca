package io.kubemagic.engine.kube;

import io.kubemagic.engine.InvalidInputException;

import java.io.Serializable;
import java.time.Duration;

/**
 * How to drain, as {@code kubectl drain} takes it: ignore DaemonSet pods, delete emptyDir data,
 * force unmanaged pods, the pods' grace period (negative: each pod's own), the overall timeout,
 * and how often a refused eviction is retried.
 */
public record DrainOptions(boolean ignoreDaemonSets, boolean deleteEmptyDirData, boolean force, int gracePeriodSeconds,
                           Duration timeout, Duration retryInterval) implements Serializable {

    public DrainOptions {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new InvalidInputException("timeout", timeout + " must be longer than 0");
        }
        if (retryInterval == null || retryInterval.isNegative() || retryInterval.isZero()) {
            throw new InvalidInputException("retryInterval", retryInterval + " must be longer than 0");
        }
    }

    /** The operator's command from the notes: {@code kubectl drain --delete-emptydir-data --ignore-daemonsets}, 5 minutes. */
    public static DrainOptions defaults() {
        return new DrainOptions(true, true, false, -1, Duration.ofMinutes(5), Duration.ofSeconds(5));
    }

    public DrainOptions withTimeout(Duration newTimeout) {
        return new DrainOptions(ignoreDaemonSets, deleteEmptyDirData, force, gracePeriodSeconds, newTimeout, retryInterval);
    }

    public DrainOptions withRetryInterval(Duration interval) {
        return new DrainOptions(ignoreDaemonSets, deleteEmptyDirData, force, gracePeriodSeconds, timeout, interval);
    }

    public java.util.Map<String, Object> describe() {
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("ignoreDaemonSets", ignoreDaemonSets);
        map.put("deleteEmptyDirData", deleteEmptyDirData);
        map.put("force", force);
        map.put("gracePeriodSeconds", gracePeriodSeconds);
        map.put("timeoutSeconds", timeout.toSeconds());
        return map;
    }
}
