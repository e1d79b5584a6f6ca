package io.kubemagic.engine.etcd;

import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.console.Console;
import io.kubemagic.engine.etcd.DefragReport.MemberHash;
import io.kubemagic.engine.etcd.DefragReport.Verification;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Proves the cluster works and agrees with itself: a write, then the KV hash of every member at one revision. */
final class Verifier {
    private static final int HASH_ATTEMPTS = 20;

    private Verifier() {
    }

    static Verification verify(EtcdSession session, ClusterStatus status, Console console) {
        boolean writable = session.alarms().stream().noneMatch(a -> a.type().equals("NOSPACE"));
        // With the alarm still active nothing can be written, so "latest" (0) is one revision on every member.
        long revision = 0;
        if (writable) {
            String key = "/kubemagic/defrag-verify/" + UUID.randomUUID();
            revision = session.put(key, "ok");
            session.delete(key);
        }
        List<MemberHash> hashes = new ArrayList<>();
        for (MemberStatus member : status.members()) {
            hashes.add(new MemberHash(member.endpoint(), hashAt(session, URI.create(member.endpoint()), revision)));
        }
        boolean consistent = hashes.stream().map(MemberHash::hash).distinct().count() == 1;
        String detail = consistent
                ? "all " + hashes.size() + " members have KV hash " + Long.toHexString(hashes.get(0).hash()) + " at revision " + (revision == 0 ? "latest" : revision)
                : "members disagree at revision " + revision + ": " + hashes;
        console.progress((writable ? "write check passed; " : "write check skipped (NOSPACE alarm still active); ") + detail);
        return new Verification(writable, revision, List.copyOf(hashes), consistent, detail);
    }

    /** A member that has not applied the revision yet answers "future revision": give it a moment. */
    private static long hashAt(EtcdSession session, URI endpoint, long revision) {
        KubeMagicException last = null;
        for (int attempt = 0; attempt < HASH_ATTEMPTS; attempt++) {
            try {
                return Integer.toUnsignedLong(session.hashKv(endpoint, revision));
            } catch (KubeMagicException e) {
                last = e;
                if (!e.getMessage().contains("future revision")) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new KubeMagicException("interrupted (aborted) during verification", interrupted);
                }
            }
        }
        throw last;
    }
}
