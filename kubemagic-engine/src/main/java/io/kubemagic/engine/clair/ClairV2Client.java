package io.kubemagic.engine.clair;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemagic.engine.json.Json;
import io.kubemagic.engine.registry.RegistryClient;
import io.kubemagic.engine.registry.ResolvedImage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clair v2 (its "API v1", what Klar speaks): {@code POST /v1/layers} once per layer, base layer
 * first, each naming its parent; then {@code GET /v1/layers/{top}?features&vulnerabilities}, which
 * covers the whole image. Layer names must be unique across image trees, so each is the SHA-256 of
 * its parent's name and its own digest.
 */
public final class ClairV2Client implements ClairScanner {
    static final String LAYERS = "/v1/layers";

    private final ClairCalls calls;

    ClairV2Client(ClairCalls calls) {
        this.calls = calls;
    }

    /** The names the layers are posted under, in order. */
    public static List<String> layerNames(ResolvedImage image) {
        List<String> names = new ArrayList<>();
        String parent = "";
        for (ResolvedImage.Layer layer : image.layers()) {
            parent = sha256(parent + "|" + layer.digest());
            names.add(parent);
        }
        return names;
    }

    /** The body of {@code POST /v1/layers} for layer {@code index}. */
    public static ObjectNode layerRequest(ResolvedImage image, List<String> names, int index) {
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode layer = body.putObject("Layer");
        layer.put("Name", names.get(index));
        layer.put("Path", image.layers().get(index).uri());
        if (!image.blobHeaders().isEmpty()) {
            ObjectNode headers = layer.putObject("Headers");
            image.blobHeaders().forEach((name, value) -> headers.put(name, value.reveal()));
        }
        if (index > 0) {
            layer.put("ParentName", names.get(index - 1));
        }
        layer.put("Format", "Docker");
        return body;
    }

    @Override
    public List<Finding> scan(ResolvedImage image, AtomicInteger requests) {
        String name = image.pinned().toString();
        List<String> names = layerNames(image);
        for (int i = 0; i < names.size(); i++) {
            calls.post("posting layer " + (i + 1) + " of " + names.size() + " of " + name + " to Clair", LAYERS,
                    layerRequest(image, names, i), requests, 201, 200);
        }
        JsonNode layer = calls.get("reading the features and vulnerabilities of " + name,
                LAYERS + "/" + names.get(names.size() - 1) + "?features&vulnerabilities", requests, 200).body().path("Layer");
        List<Finding> findings = new ArrayList<>();
        for (JsonNode feature : layer.path("Features")) {
            for (JsonNode v : feature.path("Vulnerabilities")) {
                findings.add(new Finding(image.reference().toString(), v.path("Name").asText("?"), Severity.fromScanner(v.path("Severity").asText(null)),
                        feature.path("Name").asText("?"), feature.path("Version").asText(""), v.path("FixedBy").asText(""),
                        v.path("Link").asText(""), v.path("Description").asText(""), feature.path("AddedBy").asText(null), null));
            }
        }
        return findings;
    }

    private static String sha256(String text) {
        return RegistryClient.sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
