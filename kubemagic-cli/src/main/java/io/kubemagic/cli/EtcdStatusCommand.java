package io.kubemagic.cli;

import io.kubemagic.engine.etcd.ClusterStatus;
import io.kubemagic.engine.etcd.MemberStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code kubemagic etcd status}: etcdctl endpoint status, plus quota usage and alarms. */
@Command(name = "status",
        description = "Every member's database size, size in use, quota usage, leader and alarms. "
                + "Exits 3 when a member does not answer.",
        mixinStandardHelpOptions = true,
        modelTransformer = ExitCodes.HelpSection.class)
public final class EtcdStatusCommand extends EtcdLeafCommand {
    @Option(names = "--quota-bytes", paramLabel = "BYTES",
            description = "The quota etcd runs with (--quota-backend-bytes), in bytes: 8589934592 for 8 GiB "
                    + "(default: ETCD_QUOTA_BACKEND_BYTES of --etcd-env, else etcd's 2147483648).")
    String quotaBytes;

    @Override
    protected int run() {
        long quota = connection.quota(quotaBytes);
        ClusterStatus status = maintenance().status(target(), quota);
        if (output.json) {
            printJson(status);
        }
        List<MemberStatus> down = status.unreachable();
        if (!down.isEmpty()) {
            error(down.size() + " of " + status.members().size() + " member(s) did not answer: "
                    + String.join("; ", down.stream().map(m -> m.label() + ": " + m.error()).toList()));
            return ExitCodes.UNREACHABLE;
        }
        return ExitCodes.OK;
    }
}
