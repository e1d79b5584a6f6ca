package io.kubemagic.engine.testkit.clair;

import io.kubemagic.engine.process.ProcessTree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A real Distribution registry (Debian's {@code docker-registry}) on 127.0.0.1, storage in a
 * directory of its own: anonymous, with htpasswd (bcrypt) logins, or trusting a {@link TokenServer}.
 * {@link #close()} stops it.
 */
public final class LocalRegistry implements AutoCloseable {
    public static final String BINARY = "/usr/bin/docker-registry";

    private final Path directory;
    private final int port;
    private final Process process;
    private final String user;
    private final String password;

    private LocalRegistry(Path directory, int port, Process process, String user, String password) {
        this.directory = directory;
        this.port = port;
        this.process = process;
        this.user = user;
        this.password = password;
    }

    public static LocalRegistry anonymous(Path directory) {
        return start(directory, "", null, null);
    }

    /** A registry that wants a Basic login, checked against an htpasswd file (bcrypt, as htpasswd -B writes). */
    public static LocalRegistry withHtpasswd(Path directory, String user, String password) {
        Path htpasswd = directory.resolve("htpasswd");
        try {
            Files.createDirectories(directory);
            Process p = new ProcessBuilder("htpasswd", "-iBc", htpasswd.toString(), user).redirectErrorStream(true).start();
            p.getOutputStream().write(password.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("htpasswd failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return start(directory, "auth:\n  htpasswd:\n    realm: kubemagic-test\n    path: " + htpasswd + "\n", user, password);
    }

    /** A registry that trusts the tokens of {@code tokens} (auth: token, with its certificate as root bundle). */
    public static LocalRegistry withTokens(Path directory, TokenServer tokens) {
        Path bundle = directory.resolve("token-signer.pem");
        try {
            Files.createDirectories(directory);
            Files.writeString(bundle, tokens.certificatePem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return start(directory, "auth:\n  token:\n    realm: " + tokens.realm() + "\n    service: " + TokenServer.SERVICE
                + "\n    issuer: " + TokenServer.ISSUER + "\n    rootcertbundle: " + bundle + "\n", tokens.user(), tokens.password());
    }

    private static LocalRegistry start(Path directory, String auth, String user, String password) {
        int port = Ports.free();
        try {
            Files.createDirectories(directory.resolve("storage"));
            Path config = directory.resolve("config.yml");
            Files.writeString(config, "version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\nstorage:\n"
                    + "  filesystem:\n    rootdirectory: " + directory.resolve("storage") + "\n  delete:\n    enabled: true\n"
                    + "http:\n  addr: 127.0.0.1:" + port + "\n" + auth);
            Process process = new ProcessBuilder(BINARY, "serve", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("registry.log").toFile())
                    .start();
            // A JVM that dies without close() (a crashed test or benchmark) still stops its registry.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop docker-registry"));
            LocalRegistry registry = new LocalRegistry(directory, port, process, user, password);
            registry.awaitReady();
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited: " + log());
            }
            try {
                int status = client.send(HttpRequest.newBuilder(URI.create("http://" + address() + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200 || status == 401) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("docker-registry did not answer on " + address() + ": " + log());
    }

    /** host:port, as image references write it. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** A skopeo/containers auth file with this registry's login (so no password is on a command line). */
    public Path authFile() {
        Path file = directory.resolve("auth.json");
        String auth = user == null ? "" : Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        try {
            Files.writeString(file, "{\"auths\":{\"" + address() + "\":{" + (auth.isEmpty() ? "" : "\"auth\":\"" + auth + "\"") + "}}}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    public String log() {
        try {
            return Files.readString(directory.resolve("registry.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public boolean running() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            ProcessTree.kill(process);
        }
    }
}
