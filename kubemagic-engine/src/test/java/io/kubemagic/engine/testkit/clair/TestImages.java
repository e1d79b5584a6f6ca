package io.kubemagic.engine.testkit.clair;

import io.kubemagic.engine.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds images from scratch with {@code umoci} (one layer per file inserted) and pushes them with
 * {@code skopeo}, as OCI or Docker v2 manifests; writes multi-platform indexes through the
 * registry API. No Docker daemon anywhere.
 */
public final class TestImages {
    public enum Format { OCI, DOCKER }

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final Path directory;
    private final Path layout;

    public TestImages(Path directory) {
        this.directory = directory;
        this.layout = directory.resolve("layout");
        run("umoci", "init", "--layout", layout.toString());
    }

    /** A package database file: dpkg's status for Debian-like images. */
    public static String dpkgStatus(Map<String, String> packages) {
        StringBuilder status = new StringBuilder();
        packages.forEach((name, version) -> status.append("Package: ").append(name).append("\nStatus: install ok installed\n")
                .append("Priority: optional\nArchitecture: amd64\nVersion: ").append(version).append("\n\n"));
        return status.toString();
    }

    /** apk's installed database for Alpine-like images. */
    public static String apkInstalled(Map<String, String> packages) {
        StringBuilder db = new StringBuilder();
        packages.forEach((name, version) -> db.append("C:Q1").append(Integer.toHexString(name.hashCode())).append("\nP:")
                .append(name).append("\nV:").append(version).append("\nA:x86_64\n\n"));
        return db.toString();
    }

    /**
     * Builds an image whose layers hold {@code files} (image path to content, one layer each, in
     * order), for {@code architecture}, and pushes it; returns the manifest digest.
     */
    public String push(LocalRegistry registry, String repositoryAndTag, Map<String, String> files, Format format, String architecture) {
        String tag = "img" + COUNTER.incrementAndGet();
        run("umoci", "new", "--image", layout + ":" + tag);
        if (architecture != null && !architecture.equals("amd64")) {
            run("umoci", "config", "--image", layout + ":" + tag, "--architecture=" + architecture, "--os=linux");
        }
        Path sources = directory.resolve("src-" + tag);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path source = sources.resolve(file.getKey().replaceFirst("^/", ""));
            try {
                Files.createDirectories(source.getParent());
                Files.writeString(source, file.getValue());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            run("umoci", "insert", "--image", layout + ":" + tag, source.toString(), "/" + file.getKey().replaceFirst("^/", ""));
        }
        Path digestFile = directory.resolve("digest-" + tag);
        List<String> copy = new ArrayList<>(List.of("skopeo", "copy", "--quiet", "--dest-tls-verify=false",
                "--dest-authfile", registry.authFile().toString(), "--digestfile", digestFile.toString()));
        if (format == Format.DOCKER) {
            copy.addAll(List.of("--format", "v2s2"));
        }
        copy.addAll(List.of("oci:" + layout + ":" + tag, "docker://" + registry.address() + "/" + repositoryAndTag));
        run(copy.toArray(String[]::new));
        try {
            return Files.readString(digestFile).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A one-file Debian-like image (dpkg status) in OCI format, for amd64. */
    public String pushDebian(LocalRegistry registry, String repositoryAndTag, Map<String, String> packages) {
        return push(registry, repositoryAndTag, Map.of("var/lib/dpkg/status", dpkgStatus(packages)), Format.OCI, "amd64");
    }

    /**
     * Writes an OCI index at {@code repository:tag} listing manifests already in the repository,
     * by digest, each with its platform ("linux/arm64/v8"); anonymous registries only.
     */
    public static String pushIndex(LocalRegistry registry, String repository, String tag, Map<String, String> platformToDigest) {
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://" + registry.address() + "/v2/" + repository + "/manifests/";
        StringBuilder manifests = new StringBuilder();
        try {
            for (Map.Entry<String, String> entry : platformToDigest.entrySet()) {
                HttpResponse<byte[]> manifest = client.send(HttpRequest.newBuilder(URI.create(base + entry.getValue()))
                        .header("Accept", "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json")
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                String mediaType = Json.mapper().readTree(manifest.body()).path("mediaType").asText("application/vnd.oci.image.manifest.v1+json");
                String[] platform = entry.getKey().split("/");
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("architecture", platform[1]);
                p.put("os", platform[0]);
                if (platform.length > 2) {
                    p.put("variant", platform[2]);
                }
                Map<String, Object> descriptor = new LinkedHashMap<>();
                descriptor.put("mediaType", mediaType);
                descriptor.put("digest", entry.getValue());
                descriptor.put("size", manifest.body().length);
                descriptor.put("platform", p);
                manifests.append(manifests.length() == 0 ? "" : ",").append(Json.write(descriptor));
            }
            String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                    + manifests + "]}";
            HttpResponse<String> put = client.send(HttpRequest.newBuilder(URI.create(base + tag))
                    .header("Content-Type", "application/vnd.oci.image.index.v1+json")
                    .PUT(HttpRequest.BodyPublishers.ofString(index)).build(), HttpResponse.BodyHandlers.ofString());
            if (put.statusCode() != 201) {
                throw new IllegalStateException("pushing the index failed: " + put.statusCode() + " " + put.body());
            }
            return put.headers().firstValue("Docker-Content-Digest").orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
