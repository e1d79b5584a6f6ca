package io.kubemagic.engine.testkit;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Fills a cluster with overwrites until etcd refuses writes with "database space exceeded". */
public final class EtcdFill {
    private EtcdFill() {
    }

    /** Returns the number of writes before the first refusal; fails if the quota is never hit. */
    public static int untilNoSpace(List<URI> endpoints, int valueBytes, int maxWrites) {
        try (Client client = Client.builder().endpoints(endpoints.toArray(URI[]::new)).build()) {
            ByteSequence value = ByteSequence.from("x".repeat(valueBytes), StandardCharsets.UTF_8);
            for (int i = 0; i < maxWrites; i++) {
                ByteSequence key = ByteSequence.from("/fill/key-" + (i % 8), StandardCharsets.UTF_8);
                try {
                    client.getKVClient().put(key, value).get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    if (String.valueOf(messages(e)).contains("database space exceeded")) {
                        return i;
                    }
                    throw new IllegalStateException("write " + i + " failed: " + messages(e), e);
                }
            }
        }
        throw new IllegalStateException("the quota was never reached in " + maxWrites + " writes");
    }

    private static String messages(Throwable t) {
        StringBuilder text = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            text.append(c.getMessage()).append(" | ");
        }
        return text.toString();
    }
}
