package io.kubemagic.cli;

import io.kubemagic.engine.etcd.EtcdMaintenance;
import io.kubemagic.engine.etcd.EtcdTarget;
import picocli.CommandLine.Mixin;

/** An {@code etcd ...} command: the connection options, the output options, the engine. */
abstract class EtcdLeafCommand extends OutputCommand {
    @Mixin
    ConnectionOptions connection;

    EtcdTarget target() {
        return connection.target(root(), masker);
    }

    EtcdMaintenance maintenance() {
        return new EtcdMaintenance(context());
    }
}
