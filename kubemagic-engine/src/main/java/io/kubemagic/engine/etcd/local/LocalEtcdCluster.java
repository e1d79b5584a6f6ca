package io.kubemagic.engine.etcd.local;

import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.process.ProcessTree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real etcd cluster of {@code /usr/bin/etcd} processes on loopback ports, for the demo, the
 * benchmarks and the tests. Peers talk plain HTTP; clients plain HTTP or (mutual) TLS.
 */
public final class LocalEtcdCluster implements AutoCloseable {
    private final Settings settings;
    private final List<Member> members = new ArrayList<>();

    private LocalEtcdCluster(Settings settings) {
        this.settings = settings;
    }

    public static Settings settings() {
        return new Settings();
    }

    /** Immutable-by-convention settings; {@link #start()} makes the cluster. */
    public static final class Settings {
        private int size = 3;
        private long quotaBytes = 0;
        private Path directory;
        private Path serverCertificate;
        private Path serverKey;
        private Path trustedCa;
        private boolean clientCertificateAuth;
        private String etcdBinary = "etcd";
        private String etcdctlBinary = "etcdctl";
        private Duration startTimeout = Duration.ofSeconds(60);

        public Settings size(int size) {
            this.size = size;
            return this;
        }

        public Settings quotaBytes(long quotaBytes) {
            this.quotaBytes = quotaBytes;
            return this;
        }

        public Settings directory(Path directory) {
            this.directory = directory;
            return this;
        }

        /** Serve clients over TLS with this certificate; with {@code clientCertificateAuth}, require client certificates signed by the CA. */
        public Settings tls(Path serverCertificate, Path serverKey, Path trustedCa, boolean clientCertificateAuth) {
            this.serverCertificate = serverCertificate;
            this.serverKey = serverKey;
            this.trustedCa = trustedCa;
            this.clientCertificateAuth = clientCertificateAuth;
            return this;
        }

        public Settings binaries(String etcd, String etcdctl) {
            this.etcdBinary = etcd;
            this.etcdctlBinary = etcdctl;
            return this;
        }

        public Settings startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public LocalEtcdCluster start() {
            LocalEtcdCluster cluster = new LocalEtcdCluster(this);
            try {
                cluster.startAll();
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
            return cluster;
        }
    }

    /** One etcd process. */
    public final class Member {
        private final String name;
        private final int clientPort;
        private final int peerPort;
        private Process process;

        private Member(String name, int clientPort, int peerPort) {
            this.name = name;
            this.clientPort = clientPort;
            this.peerPort = peerPort;
        }

        public String name() {
            return name;
        }

        public URI clientUrl() {
            return URI.create(scheme() + "://127.0.0.1:" + clientPort);
        }

        public URI peerUrl() {
            return URI.create("http://127.0.0.1:" + peerPort);
        }

        public Path dataDirectory() {
            return settings.directory.resolve(name + ".etcd");
        }

        public Path logFile() {
            return settings.directory.resolve(name + ".log");
        }

        public boolean isRunning() {
            return process != null && process.isAlive();
        }

        public long pid() {
            return process.pid();
        }

        public synchronized void kill() {
            if (process != null) {
                ProcessTree.kill(process);
                process = null;
            }
        }

        /** SIGSTOP: the member keeps its sockets but answers nothing, like a hung host. */
        public void freeze() {
            signal("STOP");
        }

        public void thaw() {
            signal("CONT");
        }

        private void signal(String signal) {
            try {
                new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start().waitFor();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        public synchronized void start(boolean newCluster) {
            if (isRunning()) {
                return;
            }
            List<String> command = new ArrayList<>(List.of(settings.etcdBinary,
                    "--name", name,
                    "--data-dir", dataDirectory().toString(),
                    "--listen-client-urls", clientUrl().toString(),
                    "--advertise-client-urls", clientUrl().toString(),
                    "--listen-peer-urls", peerUrl().toString(),
                    "--initial-advertise-peer-urls", peerUrl().toString(),
                    "--initial-cluster", initialCluster(),
                    "--initial-cluster-state", newCluster ? "new" : "existing",
                    "--initial-cluster-token", "kubemagic-" + settings.directory.getFileName(),
                    "--heartbeat-interval", "100",
                    "--election-timeout", "1000",
                    "--logger", "zap",
                    "--log-outputs", "stderr"));
            if (settings.quotaBytes > 0) {
                command.addAll(List.of("--quota-backend-bytes", String.valueOf(settings.quotaBytes)));
            }
            if (settings.serverCertificate != null) {
                command.addAll(List.of("--cert-file", settings.serverCertificate.toString(),
                        "--key-file", settings.serverKey.toString(),
                        "--trusted-ca-file", settings.trustedCa.toString()));
                if (settings.clientCertificateAuth) {
                    command.add("--client-cert-auth");
                }
            }
            try {
                process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                        .start();
            } catch (IOException e) {
                throw new KubeMagicException("cannot start etcd (" + settings.etcdBinary + "): " + e.getMessage()
                        + "; install it with: apt-get install etcd-server etcd-client", e);
            }
        }

        public void restart() {
            start(false);
            waitUntilHealthy(List.of(this), settings.startTimeout);
        }
    }

    private String scheme() {
        return settings.serverCertificate == null ? "http" : "https";
    }

    private String initialCluster() {
        return members.stream().map(m -> m.name + "=" + m.peerUrl()).collect(Collectors.joining(","));
    }

    private void startAll() {
        try {
            if (settings.directory == null) {
                settings.directory = Files.createTempDirectory("kubemagic-etcd-");
            }
            Files.createDirectories(settings.directory);
            for (int i = 1; i <= settings.size; i++) {
                members.add(new Member("etcd" + i, freePort(), freePort()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        members.forEach(m -> m.start(true));
        waitUntilHealthy(members, settings.startTimeout);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public List<Member> members() {
        return List.copyOf(members);
    }

    public Member member(int index) {
        return members.get(index);
    }

    public List<URI> clientUrls() {
        return members.stream().map(Member::clientUrl).collect(Collectors.toList());
    }

    public String endpoints() {
        return clientUrls().stream().map(URI::toString).collect(Collectors.joining(","));
    }

    public Path directory() {
        return settings.directory;
    }

    /**
     * What Kubespray's {@code /etc/etcd.env} would say for this cluster. Peer ports are shown as
     * 2380 only when they really are; otherwise use {@link #endpoints()}.
     */
    public String etcdEnvContent() {
        return "ETCD_DATA_DIR=" + settings.directory + "\n"
                + "ETCD_INITIAL_CLUSTER=" + initialCluster() + "\n"
                + (settings.quotaBytes > 0 ? "ETCD_QUOTA_BACKEND_BYTES=" + settings.quotaBytes + "\n" : "");
    }

    private void waitUntilHealthy(List<Member> which, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String lastOutput = "";
        while (Instant.now().isBefore(deadline)) {
            for (Member member : which) {
                if (!member.isRunning()) {
                    throw new KubeMagicException("etcd member " + member.name + " exited at start; see " + member.logFile()
                            + ":\n" + tail(member.logFile()));
                }
            }
            ProcessOutcome health = etcdctl(which, "endpoint", "health");
            if (health.exitCode == 0) {
                return;
            }
            lastOutput = health.output;
            sleep(200);
        }
        throw new KubeMagicException("etcd members did not become healthy within " + timeout + ": " + lastOutput);
    }

    private record ProcessOutcome(int exitCode, String output) {
    }

    /** Runs etcdctl against every member (with this cluster's TLS settings); fails unless it exits 0. */
    public String etcdctl(String... arguments) {
        ProcessOutcome outcome = etcdctl(members, arguments);
        if (outcome.exitCode != 0) {
            throw new KubeMagicException("etcdctl " + String.join(" ", arguments).replaceAll("password=\\S+", "password=****")
                    + " failed: " + outcome.output);
        }
        return outcome.output;
    }

    private ProcessOutcome etcdctl(List<Member> which, String... arguments) {
        List<String> command = new ArrayList<>(List.of(settings.etcdctlBinary, "--command-timeout=2s", "--endpoints",
                which.stream().map(m -> m.clientUrl().toString()).collect(Collectors.joining(","))));
        if (settings.serverCertificate != null) {
            command.addAll(List.of("--cacert", settings.trustedCa.toString()));
            if (settings.clientCertificateAuth) {
                // The server's certificate is also valid for client auth in the test PKI.
                command.addAll(List.of("--cert", settings.serverCertificate.toString(), "--key", settings.serverKey.toString()));
            }
        }
        command.addAll(List.of(arguments));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("ETCDCTL_API", "3");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                ProcessTree.kill(process);
                return new ProcessOutcome(-1, "etcdctl timed out");
            }
            return new ProcessOutcome(process.exitValue(), output);
        } catch (IOException e) {
            throw new KubeMagicException("cannot run etcdctl: " + e.getMessage() + "; install it with: apt-get install etcd-client", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubeMagicException("interrupted while waiting for etcd", e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubeMagicException("interrupted while waiting for etcd", e);
        }
    }

    /** Stops every member and deletes the cluster's directory. */
    @Override
    public void close() {
        members.forEach(Member::kill);
        if (settings.directory != null && Files.exists(settings.directory)) {
            try (Stream<Path> walk = Files.walk(settings.directory)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // A leftover temp directory is not worth failing a test or the demo for.
            }
        }
    }
}
