package io.kubemagic.cli;

import io.kubemagic.engine.kube.KubeTarget;
import io.kubemagic.engine.kube.NodeReport;
import picocli.CommandLine.Mixin;

/** A {@code kube ...} command: the kubeconfig options, the output options, the engine's context. */
abstract class KubeLeafCommand extends OutputCommand {
    @Mixin
    KubeOptions kube;

    KubeTarget target() {
        return kube.target(root(), masker);
    }

    /** A node operation's result: JSON if asked, exit 0 when done, 1 (with where it stopped) when not. */
    int finish(NodeReport report) {
        if (output.json) {
            printJson(report);
        }
        if (!report.completed()) {
            error(report.failure());
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }
}
