package io.kubemagic.cli;

import picocli.CommandLine.Command;

/** {@code kubemagic etcd}: the group; each operation is a subcommand. */
@Command(name = "etcd",
        description = "Operate the Kubernetes etcd cluster directly (no Kubernetes API, no Jenkins needed).",
        mixinStandardHelpOptions = true,
        modelTransformer = ExitCodes.HelpSection.class,
        subcommands = {EtcdStatusCommand.class, EtcdDefragCommand.class, EtcdAlarmsCommand.class,
                EtcdCompactCommand.class, EtcdMembersCommand.class})
public final class EtcdCommand {
}
