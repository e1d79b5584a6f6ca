package io.kubemagic.engine.testkit.clair;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON schemas of Clair's OpenAPI document ({@code clair/clair-v4-openapi.yaml} on the test
 * class path, a copy of quay/clair's {@code httptransport/api/v1/openapi.yaml}), and a checker for
 * the part of JSON Schema they use: type, properties, required, additionalProperties,
 * unevaluatedProperties (with $ref), patternProperties, items, pattern, enum, anyOf, oneOf,
 * minProperties, dependentRequired and $ref between the components ("layer.schema.json", "#").
 */
public final class SpecSchemas {
    private static final SpecSchemas V4 = load("/clair/clair-v4-openapi.yaml");
    private final JsonNode schemas;

    private SpecSchemas(JsonNode schemas) {
        this.schemas = schemas;
    }

    public static SpecSchemas v4() {
        return V4;
    }

    private static SpecSchemas load(String resource) {
        try (InputStream in = SpecSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test class path");
            }
            return new SpecSchemas(new ObjectMapper(new YAMLFactory()).readTree(in).path("components").path("schemas"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every way {@code value} breaks the schema {@code name} ("manifest", "index_report", ...); empty when it conforms. */
    public List<String> problems(String name, JsonNode value) {
        List<String> problems = new ArrayList<>();
        JsonNode schema = schemas.path(name);
        if (schema.isMissingNode()) {
            throw new IllegalArgumentException("no schema " + name);
        }
        check(name, schema, value, "$", problems);
        return problems;
    }

    private JsonNode resolve(String root, String ref) {
        if (ref.equals("#")) {
            return schemas.path(root);
        }
        String name = ref.startsWith("#/components/schemas/") ? ref.substring("#/components/schemas/".length())
                : ref.replace(".schema.json", "");
        JsonNode target = schemas.path(name);
        if (target.isMissingNode()) {
            throw new IllegalArgumentException("unresolvable $ref " + ref);
        }
        return target;
    }

    private String rootOf(String root, String ref) {
        return ref.equals("#") ? root : ref.startsWith("#/components/schemas/") ? ref.substring(21) : ref.replace(".schema.json", "");
    }

    private void check(String root, JsonNode schema, JsonNode value, String path, List<String> problems) {
        if (schema.has("$ref")) {
            String ref = schema.path("$ref").asText();
            check(rootOf(root, ref), resolve(root, ref), value, path, problems);
        }
        String type = schema.path("type").asText(null);
        if (type != null && !hasType(value, type)) {
            problems.add(path + ": expected " + type + ", got " + value.getNodeType());
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode option : schema.path("enum")) {
                found |= option.equals(value);
            }
            if (!found) {
                problems.add(path + ": " + value + " is not one of " + schema.path("enum"));
            }
        }
        if (schema.has("pattern") && value.isTextual() && !java.util.regex.Pattern.compile(schema.path("pattern").asText())
                .matcher(value.asText()).find()) {
            problems.add(path + ": \"" + value.asText() + "\" does not match " + schema.path("pattern").asText());
        }
        for (String combinator : List.of("anyOf", "oneOf")) {
            if (schema.has(combinator)) {
                int passing = 0;
                List<String> all = new ArrayList<>();
                for (JsonNode option : schema.path(combinator)) {
                    List<String> local = new ArrayList<>();
                    check(root, option, value, path, local);
                    if (local.isEmpty()) {
                        passing++;
                    }
                    all.addAll(local);
                }
                if (passing == 0 || combinator.equals("oneOf") && passing > 1) {
                    problems.add(path + ": " + combinator + " not satisfied (" + String.join("; ", all) + ")");
                }
            }
        }
        if (value.isObject()) {
            checkObject(root, schema, value, path, problems);
        }
        if (value.isArray() && schema.has("items")) {
            int i = 0;
            for (JsonNode item : value) {
                check(root, schema.path("items"), item, path + "[" + i++ + "]", problems);
            }
        }
    }

    private void checkObject(String root, JsonNode schema, JsonNode value, String path, List<String> problems) {
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                problems.add(path + ": missing required \"" + required.asText() + "\"");
            }
        }
        if (schema.has("minProperties") && value.size() < schema.path("minProperties").asInt()) {
            problems.add(path + ": fewer than " + schema.path("minProperties").asInt() + " properties");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("dependentRequired").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> dependency = it.next();
            if (value.has(dependency.getKey())) {
                for (JsonNode needed : dependency.getValue()) {
                    if (!value.has(needed.asText())) {
                        problems.add(path + ": \"" + dependency.getKey() + "\" needs \"" + needed.asText() + "\"");
                    }
                }
            }
        }
        Set<String> known = new HashSet<>();
        collectProperties(root, schema, known);
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String childPath = path + "." + field.getKey();
            JsonNode propertySchema = propertySchema(root, schema, field.getKey());
            if (propertySchema != null) {
                check(root, propertySchema, field.getValue(), childPath, problems);
                continue;
            }
            boolean matchedPattern = false;
            for (Iterator<Map.Entry<String, JsonNode>> patterns = schema.path("patternProperties").fields(); patterns.hasNext(); ) {
                Map.Entry<String, JsonNode> pattern = patterns.next();
                if (java.util.regex.Pattern.compile(pattern.getKey()).matcher(field.getKey()).find()) {
                    matchedPattern = true;
                    check(root, pattern.getValue(), field.getValue(), childPath, problems);
                }
            }
            if (matchedPattern || known.contains(field.getKey())) {
                continue;
            }
            JsonNode additional = schema.path("additionalProperties");
            if (additional.isBoolean() && !additional.asBoolean()
                    || schema.path("unevaluatedProperties").isBoolean() && !schema.path("unevaluatedProperties").asBoolean()) {
                problems.add(path + ": unexpected property \"" + field.getKey() + "\"");
            } else if (additional.isObject()) {
                check(root, additional, field.getValue(), childPath, problems);
            }
        }
    }

    /** The schema of property {@code name}, looked up through $ref like unevaluatedProperties does. */
    private JsonNode propertySchema(String root, JsonNode schema, String name) {
        JsonNode own = schema.path("properties").path(name);
        if (!own.isMissingNode()) {
            return own;
        }
        if (schema.has("$ref") && !schema.path("$ref").asText().equals("#")) {
            String ref = schema.path("$ref").asText();
            return propertySchema(rootOf(root, ref), resolve(root, ref), name);
        }
        return null;
    }

    /** Properties a schema and the schemas it refers to ($ref) define: what unevaluatedProperties allows. */
    private void collectProperties(String root, JsonNode schema, Set<String> names) {
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        if (schema.has("$ref") && !schema.path("$ref").asText().equals("#")) {
            collectProperties(root, resolve(root, schema.path("$ref").asText()), names);
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "null" -> value.isNull();
            default -> true;
        };
    }
}
