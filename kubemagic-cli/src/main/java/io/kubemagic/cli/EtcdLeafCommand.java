package io.kubemagic.cli;

import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.etcd.EtcdMaintenance;
import io.kubemagic.engine.etcd.EtcdTarget;
import picocli.CommandLine.Mixin;

/** An {@code etcd ...} command: the connection options, the output options, the engine. */
abstract class EtcdLeafCommand extends CliCommand {
    @Mixin
    ConnectionOptions connection;

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

    EtcdTarget target() {
        return connection.target(root(), masker);
    }

    OperationContext context() {
        return context(output);
    }

    EtcdMaintenance maintenance() {
        return new EtcdMaintenance(context());
    }
}
