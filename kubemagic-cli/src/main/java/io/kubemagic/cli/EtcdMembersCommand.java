package io.kubemagic.cli;

import io.kubemagic.engine.etcd.MemberInfo;
import io.kubemagic.engine.report.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code kubemagic etcd members list|remove}. */
@Command(name = "members",
        description = "List the cluster's members, or remove a stale one.",
        mixinStandardHelpOptions = true,
        modelTransformer = ExitCodes.HelpSection.class,
        subcommands = {EtcdMembersCommand.ListMembers.class, EtcdMembersCommand.Remove.class})
public final class EtcdMembersCommand {

    @Command(name = "list", description = "Members as etcdctl member list shows them (ids in hex).",
            mixinStandardHelpOptions = true, modelTransformer = ExitCodes.HelpSection.class)
    public static final class ListMembers extends EtcdLeafCommand {
        @Override
        protected int run() {
            List<MemberInfo> members = maintenance().members(target());
            if (output.json) {
                printJson(members);
                return ExitCodes.OK;
            }
            TextTable table = new TextTable("ID", "NAME", "PEER URLS", "CLIENT URLS", "LEARNER");
            members.forEach(m -> table.row(m.id(), m.started() ? m.name() : "(unstarted)", String.join(",", m.peerUrls()),
                    String.join(",", m.clientUrls()), m.learner() ? "yes" : "no"));
            table.lines().forEach(this::line);
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove",
            description = {"Remove a member by hex id or name: the fix for a stale member before a control plane "
                    + "node re-joins.",
                    "A member that still answers is refused unless --force."},
            mixinStandardHelpOptions = true, modelTransformer = ExitCodes.HelpSection.class)
    public static final class Remove extends EtcdLeafCommand {
        @Parameters(index = "0", paramLabel = "ID_OR_NAME", description = "Member id (hex, as members list shows it) or name.")
        String member;

        @Option(names = "--force", description = "Remove the member even though it still answers.")
        boolean force;

        @Override
        protected int run() {
            MemberInfo removed = maintenance().removeMember(target(), member, force);
            if (output.json) {
                printJson(removed);
            }
            return ExitCodes.OK;
        }
    }
}
