package io.kubemagic.engine.testkit.ansible;

import io.kubemagic.engine.process.ProcessTree;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real OpenSSH servers for tests: one {@code sshd -D -e} per loopback address (127.0.0.1 and
 * 127.0.0.2, each on a free high port), with their own config, host key, pid file and
 * authorized_keys in a temporary directory. The system's sshd and its config are never touched.
 * Keys are generated with ssh-keygen; the test user is the one running the tests (root in CI).
 */
public final class LoopbackSshd implements AutoCloseable {
    public static final String SSHD = "/usr/sbin/sshd";

    /** One server: where it listens and its host key line. */
    public record Server(String address, int port, String hostKeyLine, Process process) {
        public String knownHostsLine() {
            return "[" + address + "]:" + port + " " + hostKeyLine;
        }
    }

    /** A generated client key: the private key text and its public line. */
    public record Key(String privateKey, String publicKey, Path file) {
    }

    private final Path directory;
    private final Path authorizedKeys;
    private final List<Server> servers = new ArrayList<>();

    private LoopbackSshd(Path directory) {
        this.directory = directory;
        this.authorizedKeys = directory.resolve("authorized_keys");
    }

    public static boolean available() {
        return Files.isExecutable(Path.of(SSHD)) && Files.isExecutable(Path.of("/usr/bin/ssh-keygen"))
                && Files.isExecutable(Path.of("/usr/bin/ansible-playbook"));
    }

    public static LoopbackSshd start(Path directory, String... addresses) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        LoopbackSshd sshd = new LoopbackSshd(directory);
        Files.writeString(sshd.authorizedKeys, "");
        Files.setPosixFilePermissions(sshd.authorizedKeys, PosixFilePermissions.fromString("rw-------"));
        // sshd's privilege separation directory; created by the openssh-server package's service, not by the binary.
        Files.createDirectories(Path.of("/run/sshd"));
        try {
            for (String address : addresses.length == 0 ? new String[] {"127.0.0.1", "127.0.0.2"} : addresses) {
                sshd.servers.add(sshd.startOne(address));
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            sshd.close();
            throw e;
        }
        return sshd;
    }

    private Server startOne(String address) throws IOException, InterruptedException {
        Path own = directory.resolve("sshd-" + address);
        Files.createDirectories(own);
        Path hostKey = own.resolve("host_ed25519");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "host-" + address, "-f", hostKey.toString());
        String hostKeyLine = Files.readString(own.resolve("host_ed25519.pub")).trim();
        hostKeyLine = hostKeyLine.substring(0, hostKeyLine.lastIndexOf(' '));
        for (int attempt = 0; ; attempt++) {
            int port = freePort(address);
            Path config = own.resolve("sshd_config");
            Files.writeString(config, String.join("\n",
                    "Port " + port,
                    "ListenAddress " + address,
                    "HostKey " + hostKey,
                    "PidFile " + own.resolve("sshd.pid"),
                    "UsePAM no",
                    "PermitRootLogin prohibit-password",
                    "PubkeyAuthentication yes",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "AuthorizedKeysFile " + authorizedKeys,
                    "StrictModes no",
                    "MaxStartups 100",
                    "MaxSessions 100",
                    "Subsystem sftp internal-sftp",
                    "LogLevel ERROR", ""));
            Process process = new ProcessBuilder(SSHD, "-D", "-f", config.toString(), "-e")
                    .redirectErrorStream(true)
                    .redirectOutput(own.resolve("sshd.log").toFile())
                    .start();
            if (waitForPort(address, port, process)) {
                return new Server(address, port, hostKeyLine, process);
            }
            ProcessTree.kill(process);
            if (attempt == 2) {
                throw new IOException("sshd did not start on " + address + ":" + port + ": " + Files.readString(own.resolve("sshd.log")));
            }
        }
    }

    /** A new key pair; authorized for login when {@code authorize}. */
    public Key generateKey(String name, String passphrase, boolean authorize) throws IOException, InterruptedException {
        Path file = directory.resolve("keys").resolve(name);
        Files.createDirectories(file.getParent());
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase == null ? "" : passphrase, "-C", "kubemagic-test-" + name,
                "-f", file.toString());
        String publicKey = Files.readString(file.resolveSibling(name + ".pub")).trim();
        if (authorize) {
            Files.writeString(authorizedKeys, publicKey + "\n", StandardOpenOption.APPEND);
        }
        return new Key(Files.readString(file), publicKey, file);
    }

    public List<Server> servers() {
        return List.copyOf(servers);
    }

    public Server server(int index) {
        return servers.get(index);
    }

    /** known_hosts content that trusts every server of this instance. */
    public String knownHosts() {
        StringBuilder text = new StringBuilder();
        servers.forEach(s -> text.append(s.knownHostsLine()).append('\n'));
        return text.toString();
    }

    public String user() {
        return System.getProperty("user.name");
    }

    @Override
    public void close() {
        for (Server server : servers) {
            ProcessTree.kill(server.process());
        }
        servers.clear();
    }

    private static boolean waitForPort(String address, int port, Process process) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                return false;
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, port), 200);
                return true;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        return false;
    }

    private static int freePort(String address) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(address, 0));
            return socket.getLocalPort();
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
