package io.kubemagic.engine.clair;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.registry.ImageReference;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Accepted vulnerabilities, in Klar's whitelist format:
 * <pre>
 * general:            # accepted in every image
 *   - CVE-2016-2779
 * images:             # accepted in one image only
 *   alpine:
 *     - CVE-2017-9671
 *   team/app:
 *     - RHSA-2018:0805
 * </pre>
 * An image key matches by repository as Klar writes it ({@code alpine}, {@code team/app}), with the
 * registry ({@code registry.example.com:5000/team/app}), or with the tag ({@code team/app:1.0}).
 */
public final class Whitelist implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Set<String> general;
    private final Map<String, Set<String>> images;

    private Whitelist(Set<String> general, Map<String, Set<String>> images) {
        this.general = Set.copyOf(general);
        this.images = Map.copyOf(images);
    }

    public static Whitelist empty() {
        return new Whitelist(Set.of(), Map.of());
    }

    public static Whitelist read(String field, Path file) {
        try {
            return parse(field, Files.readString(file, StandardCharsets.UTF_8));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException(field, file + " does not exist");
        } catch (IOException e) {
            throw new InvalidInputException(field, "cannot read " + file + ": " + e.getMessage());
        }
    }

    public static Whitelist parse(String field, String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidInputException(field, "is not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return empty();
        }
        if (!root.isObject()) {
            throw new InvalidInputException(field, "must be a YAML map with \"general:\" and/or \"images:\" (Klar's format)");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("general") && !name.equals("images")) {
                throw new InvalidInputException(field, "unknown key \"" + name + "\"; a whitelist has \"general:\" "
                        + "(a list of vulnerability names) and \"images:\" (image name -> list)");
            }
        }
        Set<String> general = names(field, "general", root.path("general"));
        Map<String, Set<String>> images = new LinkedHashMap<>();
        JsonNode imageNode = root.path("images");
        if (!imageNode.isMissingNode() && !imageNode.isNull()) {
            if (!imageNode.isObject()) {
                throw new InvalidInputException(field, "\"images:\" must map image names to lists of vulnerability names");
            }
            imageNode.fields().forEachRemaining(e -> images.put(e.getKey().trim(), names(field, "images." + e.getKey(), e.getValue())));
        }
        return new Whitelist(general, images);
    }

    private static Set<String> names(String field, String key, JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        if (node.isMissingNode() || node.isNull()) {
            return names;
        }
        if (!node.isArray()) {
            throw new InvalidInputException(field, "\"" + key + "\" must be a list of vulnerability names (- CVE-2021-1234)");
        }
        for (JsonNode item : node) {
            if (!item.isValueNode() || item.asText().isBlank()) {
                throw new InvalidInputException(field, "\"" + key + "\" has an entry that is not a vulnerability name: " + item);
            }
            names.add(item.asText().trim().toUpperCase(Locale.ROOT));
        }
        return names;
    }

    public boolean isEmpty() {
        return general.isEmpty() && images.isEmpty();
    }

    public int size() {
        return general.size() + images.values().stream().mapToInt(Set::size).sum();
    }

    public boolean accepts(ImageReference image, String vulnerability) {
        String name = vulnerability.trim().toUpperCase(Locale.ROOT);
        if (general.contains(name)) {
            return true;
        }
        for (String key : keys(image)) {
            Set<String> accepted = images.get(key);
            if (accepted != null && accepted.contains(name)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> keys(ImageReference image) {
        String qualified = image.registry() + "/" + image.repository();
        return List.of(image.shortName(), image.repository(), qualified,
                image.shortName() + ":" + image.tag(), qualified + ":" + image.tag());
    }
}
