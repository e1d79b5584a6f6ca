package io.kubemagic.engine.inventory;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kubemagic.engine.KubeMagicException;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The only way the engine reads YAML written by people (inventories, group_vars, the site layout):
 * plain maps, lists and scalars (Jackson never constructs arbitrary types from tags), with limits on
 * aliases (billion laughs), nesting depth and size, so a hostile or broken file fails fast.
 */
public final class SafeYaml {
    /** Larger than any real inventory or group_vars file; a 500-host inventory is ~50 KiB. */
    public static final int MAX_CODE_POINTS = 8 * 1024 * 1024;
    public static final int MAX_ALIASES = 100;
    public static final int MAX_DEPTH = 64;

    private static final ObjectMapper MAPPER = create();

    private SafeYaml() {
    }

    private static ObjectMapper create() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        YAMLFactory factory = YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(MAX_CODE_POINTS)
                        .build())
                .build();
        return YAMLMapper.builder(factory).build();
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The file as plain Java values (maps, lists, strings, numbers, booleans); null for an empty file. */
    public static Object read(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_CODE_POINTS) {
                throw new KubeMagicException(file + " is larger than " + MAX_CODE_POINTS / (1024 * 1024)
                        + " MiB; that is no inventory or variables file");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KubeMagicException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), text);
    }

    public static Object parse(String name, String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String line = where == null || where.getLineNr() < 0 ? "" : " (line " + where.getLineNr() + ")";
            throw new YamlSyntaxException(name, where == null ? -1 : where.getLineNr(),
                    name + line + " is not valid YAML: " + e.getOriginalMessage()
                            + "; fix the syntax (indentation, quotes, a missing ':') and run again");
        } catch (RuntimeException e) {
            // SnakeYAML's own limits (aliases, depth, size) surface as unchecked exceptions.
            throw new YamlSyntaxException(name, -1, name + " was refused: " + e.getMessage());
        }
    }

    /**
     * A YAML or JSON mapping of variable: value given as text (extra vars of a step or command);
     * empty for blank text, refused (naming {@code field}) when it is not a mapping.
     */
    public static java.util.Map<String, Object> mapping(String field, String text) {
        Object parsed = text == null ? null : parse(field, text);
        if (parsed == null) {
            return java.util.Map.of();
        }
        if (!(parsed instanceof java.util.Map<?, ?> map)) {
            throw new io.kubemagic.engine.InvalidInputException(field,
                    "must be a mapping of variable: value (YAML or JSON), e.g. \"etcd_retries: 300\"");
        }
        java.util.Map<String, Object> vars = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> vars.put(String.valueOf(k), v));
        return vars;
    }

    /** A YAML file that cannot be read, with where the problem is. */
    public static final class YamlSyntaxException extends KubeMagicException {
        private static final long serialVersionUID = 1L;
        private final String file;
        private final int line;

        public YamlSyntaxException(String file, int line, String message) {
            super(message);
            this.file = file;
            this.line = line;
        }

        public String file() {
            return file;
        }

        public int line() {
            return line;
        }
    }
}
