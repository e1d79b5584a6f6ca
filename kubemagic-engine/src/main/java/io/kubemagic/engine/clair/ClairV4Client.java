package io.kubemagic.engine.clair;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.json.Json;
import io.kubemagic.engine.registry.MediaTypes;
import io.kubemagic.engine.registry.ResolvedImage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clair v4: {@code POST /indexer/api/v1/index_report} with the manifest (each layer's URI and the
 * headers Clair needs to fetch it), wait until the index report's state is final, then
 * {@code GET /matcher/api/v1/vulnerability_report/{digest}}. Field names are those of Clair's
 * OpenAPI document (manifest, layer, index_report, vulnerability_report).
 */
public final class ClairV4Client implements ClairScanner {
    static final String INDEX = "/indexer/api/v1/index_report";
    static final String REPORT = "/matcher/api/v1/vulnerability_report/";
    static final String FINISHED = "IndexFinished";
    static final String ERROR = "IndexError";

    private final ClairCalls calls;
    private final Duration pollInterval;
    private final Duration indexTimeout;

    ClairV4Client(ClairCalls calls, Duration pollInterval, Duration indexTimeout) {
        this.calls = calls;
        this.pollInterval = pollInterval;
        this.indexTimeout = indexTimeout;
    }

    /** The body of the index request: Clair's "manifest" schema. */
    public static ObjectNode manifest(ResolvedImage image) {
        ObjectNode manifest = Json.mapper().createObjectNode();
        manifest.put("hash", image.manifestDigest());
        ArrayNode layers = manifest.putArray("layers");
        for (ResolvedImage.Layer layer : image.layers()) {
            ObjectNode node = layers.addObject();
            node.put("hash", layer.digest());
            node.put("uri", layer.uri());
            ObjectNode headers = node.putObject("headers");
            image.blobHeaders().forEach((name, value) -> headers.putArray(name).add(value.reveal()));
            String mediaType = MediaTypes.ociLayerType(layer.mediaType());
            if (mediaType != null) {
                node.put("media_type", mediaType);
            }
        }
        return manifest;
    }

    @Override
    public List<Finding> scan(ResolvedImage image, AtomicInteger requests) {
        String name = image.pinned().toString();
        ClairCalls.Answer indexed = calls.post("indexing " + name, INDEX, manifest(image), requests, 200, 201);
        JsonNode report = waitForIndex(name, image.manifestDigest(), indexed.body(), requests);
        if (ERROR.equals(report.path("state").asText()) || !report.path("success").asBoolean(false)) {
            throw new KubeMagicException("Clair could not index " + name + " (" + report.path("state").asText("no state") + "): "
                    + report.path("err").asText("no reason given") + ". Clair fetches the layers itself from "
                    + image.layers().get(0).uri().replaceAll("/v2/.*", "") + ": it must reach that address, and the login "
                    + "it was given must be valid");
        }
        JsonNode vulnerabilities = calls.get("reading the vulnerability report of " + name, REPORT + image.manifestDigest(),
                requests, 200, 201).body();
        return findings(image.reference().toString(), vulnerabilities);
    }

    private JsonNode waitForIndex(String name, String digest, JsonNode report, AtomicInteger requests) {
        Instant deadline = Instant.now().plus(indexTimeout);
        JsonNode current = report;
        while (!isFinal(current)) {
            if (Instant.now().isAfter(deadline)) {
                throw new KubeMagicException("Clair did not finish indexing " + name + " within " + indexTimeout.toSeconds()
                        + "s (state " + current.path("state").asText("?") + "); raise the timeout or check Clair's indexer");
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KubeMagicException("waiting for Clair to index " + name + " was interrupted (aborted)", e);
            }
            current = calls.get("reading the index report of " + name, INDEX + "/" + digest, requests, 200).body();
        }
        return current;
    }

    private static boolean isFinal(JsonNode report) {
        String state = report.path("state").asText("");
        return FINISHED.equals(state) || ERROR.equals(state);
    }

    /** One finding per (package, vulnerability) of a vulnerability report. */
    static List<Finding> findings(String image, JsonNode report) {
        JsonNode packages = report.path("packages");
        JsonNode vulnerabilities = report.path("vulnerabilities");
        JsonNode environments = report.path("environments");
        List<Finding> findings = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = report.path("package_vulnerabilities").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode pkg = packages.path(entry.getKey());
            JsonNode environment = environments.path(entry.getKey()).path(0);
            for (JsonNode id : entry.getValue()) {
                JsonNode v = vulnerabilities.path(id.asText());
                if (v.isMissingNode()) {
                    continue;
                }
                String packageName = pkg.path("name").asText(v.path("package").path("name").asText("?"));
                String version = pkg.path("version").asText(v.path("package").path("version").asText(""));
                String vulnerability = v.path("name").asText(id.asText());
                if (!seen.add(vulnerability + "|" + packageName + "|" + version)) {
                    continue;
                }
                Severity severity = v.hasNonNull("normalized_severity") && !v.path("normalized_severity").asText().isEmpty()
                        ? Severity.fromScanner(v.path("normalized_severity").asText())
                        : Severity.fromScanner(v.path("severity").asText(null));
                String links = v.path("links").asText("").trim();
                String link = links.isEmpty() ? "" : links.split("\\s+")[0];
                findings.add(new Finding(image, vulnerability, severity, packageName, version,
                        v.path("fixed_in_version").asText(""), link, v.path("description").asText(""),
                        environment.path("introduced_in").asText(null), null));
            }
        }
        return findings;
    }
}
