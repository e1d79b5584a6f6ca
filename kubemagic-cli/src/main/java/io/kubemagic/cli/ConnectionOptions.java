package io.kubemagic.cli;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.console.SecretMasker;
import io.kubemagic.engine.console.SecretValue;
import io.kubemagic.engine.etcd.EtcdEnvFile;
import io.kubemagic.engine.etcd.EtcdTarget;
import io.kubemagic.engine.etcd.PemReader;
import io.kubemagic.engine.etcd.QuotaBytes;
import io.kubemagic.engine.etcd.TlsMaterial;
import io.kubemagic.engine.etcd.TlsMaterials;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Which etcd to talk to and how, as etcdctl takes it: endpoints (or Kubespray's etcd.env), PEM
 * files, an etcd user. The {@code ETCDCTL_*} variables are the defaults, like etcdctl. The
 * password only ever comes from {@code ETCDCTL_PASSWORD} or a file, never from the command line.
 */
public final class ConnectionOptions {
    static final String DEFAULT_COMMAND_TIMEOUT = "30s";

    @Option(names = "--endpoints", paramLabel = "URLS",
            description = "Client URLs, comma separated: https://10.0.0.1:2379,https://10.0.0.2:2379 "
                    + "(default: $ETCDCTL_ENDPOINTS).")
    String endpoints;

    @Option(names = "--etcd-env", paramLabel = "FILE",
            description = "Kubespray's /etc/etcd.env (or a copy): endpoints from ETCD_INITIAL_CLUSTER "
                    + "(peer port 2380 -> client port 2379), quota from ETCD_QUOTA_BACKEND_BYTES.")
    Path etcdEnv;

    @Option(names = "--cacert", paramLabel = "FILE", description = "PEM CA of the etcd server certificates (default: $ETCDCTL_CACERT).")
    Path caCert;

    @Option(names = "--cert", paramLabel = "FILE", description = "PEM client certificate (default: $ETCDCTL_CERT).")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE",
            description = "PEM private key of --cert: PKCS#1, SEC1 or PKCS#8, unencrypted (default: $ETCDCTL_KEY).")
    Path key;

    @Option(names = "--pem-bundle", paramLabel = "FILE",
            description = "One PEM file with the client certificate, its key and the CA (--cacert replaces its CA).")
    Path pemBundle;

    @Option(names = "--user", paramLabel = "NAME",
            description = "etcd user (root role); the password comes from $ETCDCTL_PASSWORD or --password-file.")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the etcd user's password (one line).")
    Path passwordFile;

    /** Only here to refuse it: a password on the command line shows in ps and in the shell history. */
    @Option(names = "--password", hidden = true, paramLabel = "NEVER")
    String passwordOnCommandLine;

    @Option(names = "--command-timeout", paramLabel = "DURATION", defaultValue = DEFAULT_COMMAND_TIMEOUT,
            description = "Time limit of each etcd request: 30s, 2m, 1h (default: ${DEFAULT-VALUE}).")
    String commandTimeout;

    private EtcdEnvFile envFile;

    /** The target, with every secret read registered in {@code masker} before anything can print it. */
    EtcdTarget target(KubeMagicCommand root, SecretMasker masker) {
        CliFiles.refusePasswordOnCommandLine(masker, passwordOnCommandLine, "--user", user, "ETCDCTL_PASSWORD");
        EtcdTarget.Builder builder = EtcdTarget.builder();
        if (endpoints != null && etcdEnv != null) {
            throw new InvalidInputException("--endpoints", "give either --endpoints or --etcd-env, not both");
        }
        if (etcdEnv != null) {
            builder.etcdEnv(envFile());
        } else {
            String list = endpoints != null ? endpoints : root.env("ETCDCTL_ENDPOINTS");
            if (list == null) {
                throw new InvalidInputException("--endpoints", "no endpoints given; use --endpoints "
                        + "https://10.0.0.1:2379,..., --etcd-env /etc/etcd.env, or set ETCDCTL_ENDPOINTS");
            }
            builder.endpoints(list);
        }
        builder.tls(tls(root, masker));
        SecretValue password = CliFiles.secret(root, masker, "--password-file", passwordFile, "ETCDCTL_PASSWORD");
        if (user != null && password == null) {
            throw new InvalidInputException("--user", "etcd user \"" + user + "\" needs a password: set ETCDCTL_PASSWORD "
                    + "or use --password-file FILE");
        }
        if (user == null && passwordFile != null) {
            throw new InvalidInputException("--password-file", "a password without --user NAME; give the etcd user too");
        }
        builder.auth(user, user == null ? null : password);
        Duration timeout = commandTimeout();
        builder.commandTimeout(timeout);
        builder.connectTimeout(timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5));
        return builder.build();
    }

    Duration commandTimeout() {
        return Durations.parse("--command-timeout", commandTimeout);
    }

    /** The quota the etcd.env sets, if one was given and sets it ("2G" there is refused with the fix). */
    Optional<Long> quotaFromEnv() {
        return etcdEnv == null ? Optional.empty() : envFile().quotaBytes();
    }

    /** --quota-bytes wins, then ETCD_QUOTA_BACKEND_BYTES of --etcd-env, then etcd's default. */
    long quota(String quotaOption) {
        if (quotaOption != null) {
            return QuotaBytes.parse("--quota-bytes", quotaOption);
        }
        return quotaFromEnv().orElse(QuotaBytes.ETCD_DEFAULT);
    }

    private EtcdEnvFile envFile() {
        if (envFile == null) {
            envFile = EtcdEnvFile.parse(CliFiles.read("--etcd-env", etcdEnv));
        }
        return envFile;
    }

    private TlsMaterial tls(KubeMagicCommand root, SecretMasker masker) {
        Path ca = pathOrEnv(caCert, root, "ETCDCTL_CACERT");
        Path certificate = pathOrEnv(cert, root, "ETCDCTL_CERT");
        Path privateKey = pathOrEnv(key, root, "ETCDCTL_KEY");
        String caPem = ca == null ? null : CliFiles.read("--cacert", ca);
        if (caPem != null && PemReader.certificates("--cacert", caPem).isEmpty()) {
            throw new InvalidInputException("--cacert", ca + " holds no certificate");
        }
        if (pemBundle != null) {
            if (cert != null || key != null) {
                throw new InvalidInputException("--pem-bundle", "give either --pem-bundle or --cert and --key, not both");
            }
            String bundle = CliFiles.read("--pem-bundle", pemBundle);
            masker.add(bundle);
            TlsMaterial material = TlsMaterials.fromPemBundle("--pem-bundle", bundle, caPem);
            material.registerSecrets(masker);
            return material;
        }
        if ((certificate == null) != (privateKey == null)) {
            throw new InvalidInputException(certificate == null ? "--cert" : "--key",
                    "a client certificate and its private key go together; give both --cert and --key, or neither");
        }
        if (certificate == null) {
            return caPem == null ? null : TlsMaterial.serverOnly(caPem);
        }
        String keyPem = CliFiles.read("--key", privateKey);
        masker.add(keyPem);
        PemReader.privateKey("--key", keyPem);
        String certificatePem = CliFiles.read("--cert", certificate);
        if (PemReader.certificates("--cert", certificatePem).isEmpty()) {
            throw new InvalidInputException("--cert", certificate + " holds no certificate");
        }
        return TlsMaterial.of(caPem, certificatePem, SecretValue.of(keyPem));
    }

    private static Path pathOrEnv(Path option, KubeMagicCommand root, String variable) {
        if (option != null) {
            return option;
        }
        String value = root.env(variable);
        return value == null ? null : Path.of(value);
    }
}
