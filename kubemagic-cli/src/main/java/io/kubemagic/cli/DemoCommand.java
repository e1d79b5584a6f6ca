package io.kubemagic.cli;

import picocli.CommandLine.Command;

/** {@code kubemagic demo}: the incidents, reproduced on a local cluster and repaired with the real commands. */
@Command(name = "demo",
        description = "Reproduce an incident on a throw-away local etcd cluster and repair it with the real commands.",
        mixinStandardHelpOptions = true,
        modelTransformer = ExitCodes.HelpSection.class,
        subcommands = {DemoEtcdQuotaCommand.class})
public final class DemoCommand {
}
