package io.kubemagic.cli;

import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.etcd.EtcdSession;
import io.kubemagic.engine.etcd.EtcdTarget;
import io.kubemagic.engine.etcd.QuotaBytes;
import io.kubemagic.engine.etcd.local.LocalEtcdCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kubemagic demo etcd-quota}: the operators' "ETCd Quotas" incident on a local 3-member
 * etcd with a tiny quota. Overwrites fill it until etcd answers "mvcc: database space exceeded",
 * then {@code kubemagic etcd defrag} (the real command, same code path, same output) recovers it.
 */
@Command(name = "etcd-quota",
        description = {"Start a local 3-member etcd (/usr/bin/etcd, loopback ports) with a 16 MiB quota, overwrite "
                + "keys until writes fail with \"mvcc: database space exceeded\" (the NOSPACE alarm), then recover "
                + "with kubemagic etcd defrag, show the before/after table and prove a write works again.",
                "The cluster is stopped and deleted at the end unless --keep."},
        mixinStandardHelpOptions = true,
        modelTransformer = ExitCodes.HelpSection.class)
public final class DemoEtcdQuotaCommand extends CliCommand {
    static final long QUOTA_BYTES = 16L * 1024 * 1024;
    static final int VALUE_BYTES = 256 * 1024;
    static final int KEYS = 4;
    /** 16 MiB of 256 KiB overwrites is about 64 writes; far more means the quota is not enforced. */
    static final int MAX_WRITES = 1000;
    static final String NOSPACE = "database space exceeded";

    @Option(names = "--keep", description = "Leave the cluster running at the end and print its endpoints.")
    boolean keep;

    @Option(names = "--debug", description = "Print stack traces with errors.")
    boolean debug;

    @Override
    protected boolean debug() {
        return debug;
    }

    @Override
    protected int run() {
        line("== kubemagic demo: etcd quota exceeded (NOSPACE), and the recovery");
        LocalEtcdCluster.Settings settings = LocalEtcdCluster.settings().size(3).quotaBytes(QUOTA_BYTES)
                .startTimeout(Duration.ofSeconds(30));
        if (Files.isExecutable(Path.of("/usr/bin/etcd")) && Files.isExecutable(Path.of("/usr/bin/etcdctl"))) {
            settings.binaries("/usr/bin/etcd", "/usr/bin/etcdctl");
        }
        line("starting 3 etcd members on 127.0.0.1 with --quota-backend-bytes " + QUOTA_BYTES
                + " (" + QuotaBytes.human(QUOTA_BYTES) + ") ...");
        LocalEtcdCluster cluster = settings.start();
        Thread cleanup = new Thread(cluster::close, "kubemagic-demo-cleanup");
        if (!keep) {
            Runtime.getRuntime().addShutdownHook(cleanup);
        }
        try {
            String endpoints = cluster.endpoints();
            line("cluster up: " + endpoints);
            line("");
            int failedAt = fill(endpoints);
            line("");
            String quota = String.valueOf(QUOTA_BYTES);
            int status = kubemagic("etcd", "status", "--endpoints", endpoints, "--quota-bytes", quota);
            if (status != ExitCodes.OK) {
                throw new KubeMagicException("etcd status failed (exit " + status + ") after " + failedAt + " writes");
            }
            line("");
            line("(the 16 MiB quota is tiny on purpose: the under-1-GiB warning below is the one a real typo gets)");
            int defrag = kubemagic("etcd", "defrag", "--endpoints", endpoints, "--quota-bytes", quota);
            if (defrag != ExitCodes.OK) {
                error("the recovery did not complete (exit " + defrag + ")");
                return defrag;
            }
            line("");
            proveWritable(endpoints);
            line("");
            line("== recovered: NOSPACE reached after " + failedAt + " writes, defragmented, alarm disarmed, writes work again");
            if (keep) {
                List<String> pids = new ArrayList<>();
                cluster.members().forEach(m -> pids.add(String.valueOf(m.pid())));
                line("the cluster keeps running (--keep):");
                line("  endpoints: " + endpoints);
                line("  try:       kubemagic etcd status --endpoints " + endpoints + " --quota-bytes " + quota);
                line("  stop it:   kill " + String.join(" ", pids) + " && rm -rf " + cluster.directory());
            }
            return ExitCodes.OK;
        } finally {
            if (!keep) {
                cluster.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanup);
                } catch (IllegalStateException shuttingDown) {
                    // The hook runs anyway; closing twice is harmless.
                }
                line("local cluster stopped and deleted");
            }
        }
    }

    /** Overwrites a few keys with 256 KiB values: every old revision stays in the database until compacted. */
    private int fill(String endpoints) {
        line("$ overwriting " + KEYS + " keys with " + QuotaBytes.human(VALUE_BYTES)
                + " values; old revisions keep their space until compaction");
        String value = "x".repeat(VALUE_BYTES);
        EtcdTarget target = EtcdTarget.builder().endpoints(endpoints).commandTimeout(Duration.ofSeconds(10)).build();
        try (EtcdSession session = EtcdSession.open(target)) {
            for (int write = 1; write <= MAX_WRITES; write++) {
                try {
                    session.put("/kubemagic-demo/key-" + (write % KEYS), value);
                } catch (KubeMagicException e) {
                    if (!e.getMessage().contains(NOSPACE)) {
                        throw e;
                    }
                    line("write " + write + " failed: " + e.getMessage());
                    line("etcd raised the NOSPACE alarm: the cluster takes no writes (the Kubernetes API server would "
                            + "now fail every change)");
                    return write;
                }
                if (write % 16 == 0) {
                    line("  " + write + " writes (" + QuotaBytes.human((long) write * VALUE_BYTES) + " written)");
                }
            }
        }
        throw new KubeMagicException("etcd took " + MAX_WRITES + " writes of " + QuotaBytes.human(VALUE_BYTES)
                + " without hitting its quota of " + QuotaBytes.human(QUOTA_BYTES) + "; is --quota-backend-bytes ignored?");
    }

    private void proveWritable(String endpoints) {
        EtcdTarget target = EtcdTarget.builder().endpoints(endpoints).commandTimeout(Duration.ofSeconds(10)).build();
        try (EtcdSession session = EtcdSession.open(target)) {
            long revision = session.put("/kubemagic-demo/after-recovery", "written after the recovery");
            line("write after the recovery: ok (revision " + revision + ")");
        }
    }

    /** Runs a real kubemagic command line, with this command's environment and streams. */
    private int kubemagic(String... args) {
        line("$ kubemagic " + String.join(" ", args));
        return root().withStreams(root().out(), root().err()).commandLine().execute(args);
    }
}
