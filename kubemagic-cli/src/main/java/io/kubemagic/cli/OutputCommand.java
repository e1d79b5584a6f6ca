package io.kubemagic.cli;

import io.kubemagic.engine.OperationContext;
import picocli.CommandLine.Mixin;

/** A command with the output options (--json, --audit-log, --who, --debug) and the engine context they give. */
abstract class OutputCommand extends CliCommand {
    @Mixin
    OutputOptions output;

    @Override
    protected boolean debug() {
        return output.debug;
    }

    @Override
    protected boolean json() {
        return output.json;
    }

    OperationContext context() {
        return context(output);
    }
}
