package io.kubemagic.engine.testkit;

import io.kubemagic.engine.etcd.local.LocalEtcdCluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Turns on etcd's own authentication with a root user, as a hardened cluster runs it. */
public final class EtcdAuth {
    private EtcdAuth() {
    }

    public static void enableRoot(LocalEtcdCluster cluster, String password) {
        etcdctl(cluster, "user", "add", "root", "--new-user-password=" + password);
        etcdctl(cluster, "auth", "enable");
    }

    private static void etcdctl(LocalEtcdCluster cluster, String... arguments) {
        List<String> command = new ArrayList<>(List.of("etcdctl", "--endpoints", cluster.endpoints()));
        command.addAll(List.of(arguments));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("ETCDCTL_API", "3");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("etcdctl " + arguments[0] + " failed: " + output);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
