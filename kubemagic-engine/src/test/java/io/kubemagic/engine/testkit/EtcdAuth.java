package io.kubemagic.engine.testkit;

import io.kubemagic.engine.etcd.local.LocalEtcdCluster;

/** Turns on etcd's own authentication with a root user, as a hardened cluster runs it. */
public final class EtcdAuth {
    private EtcdAuth() {
    }

    public static void enableRoot(LocalEtcdCluster cluster, String password) {
        cluster.etcdctl("user", "add", "root", "--new-user-password=" + password);
        cluster.etcdctl("auth", "enable");
    }
}
