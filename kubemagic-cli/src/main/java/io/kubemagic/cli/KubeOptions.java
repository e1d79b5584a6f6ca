package io.kubemagic.cli;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.console.SecretMasker;
import io.kubemagic.engine.console.SecretValue;
import io.kubemagic.engine.kube.KubeTarget;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Which Kubernetes API, as kubectl takes it: --kubeconfig (default $KUBECONFIG, else ~/.kube/config) and --context. */
public final class KubeOptions {
    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Kubeconfig of the cluster (default: $KUBECONFIG, else ~/.kube/config; Kubespray: /etc/kubernetes/admin.conf).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "Context of the kubeconfig to use (default: its current-context).")
    String context;

    @Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "Time limit of each API request (default: ${DEFAULT-VALUE}).")
    String requestTimeout;

    /** The kubeconfig is read into memory and its secrets registered before anything can print them. */
    KubeTarget target(KubeMagicCommand root, SecretMasker masker) {
        Path file = kubeconfig;
        if (file == null && root.env("KUBECONFIG") != null) {
            file = Path.of(root.env("KUBECONFIG").split(java.io.File.pathSeparator)[0]);
        }
        if (file == null) {
            String home = root.env("HOME") != null ? root.env("HOME") : System.getProperty("user.home");
            file = Path.of(home, ".kube", "config");
        }
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException("--kubeconfig", file + " does not exist; give the cluster's kubeconfig "
                    + "(--kubeconfig FILE or $KUBECONFIG)");
        } catch (IOException e) {
            throw new InvalidInputException("--kubeconfig", "cannot read " + file + ": " + e.getMessage());
        }
        KubeTarget target = KubeTarget.of(SecretValue.of(content), context, Durations.parse("--request-timeout", requestTimeout));
        target.registerSecrets(masker);
        return target;
    }

    boolean given(KubeMagicCommand root) {
        return kubeconfig != null || root.env("KUBECONFIG") != null;
    }
}
