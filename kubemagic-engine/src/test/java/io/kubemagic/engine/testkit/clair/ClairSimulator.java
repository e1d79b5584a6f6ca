package io.kubemagic.engine.testkit.clair;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kubemagic.engine.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Clair API simulator for tests, following Clair's published API: v4's indexer and matcher
 * ({@code POST /indexer/api/v1/index_report}, {@code GET /indexer/api/v1/index_report/{digest}},
 * {@code GET /indexer/api/v1/index_state}, {@code GET /matcher/api/v1/vulnerability_report/{digest}})
 * and v2's {@code POST /v1/layers} and {@code GET /v1/layers/{name}?features&vulnerabilities}.
 *
 * <p>Like Clair, it fetches every layer blob itself from the URI it is given, with exactly the
 * headers it is given, checks the blob's digest, and reads the package databases inside; a wrong or
 * missing registry login therefore fails the index. Vulnerabilities come from a {@link VulnerabilityTable}.
 * Every request body the client sends and every report it answers with is checked against the
 * OpenAPI schemas ({@link #schemaProblems()}).
 *
 * <p>For failure tests: PSK authentication (HS256 JWT with an allow-listed issuer), a delay before
 * every answer (slow Clair), indexing that finishes only after some polls, failing the first N
 * requests with 503, and {@link #stop()} (down: the port is closed).
 */
public final class ClairSimulator implements AutoCloseable {
    private final VulnerabilityTable table;
    private final HttpServer server;
    private final HttpClient fetcher = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final List<String> schemaProblems = new CopyOnWriteArrayList<>();
    private final List<String> fetches = new CopyOnWriteArrayList<>();
    private final List<String> authorizationHeadersSeen = new CopyOnWriteArrayList<>();
    private final Map<String, IndexState> indexes = new ConcurrentHashMap<>();
    private final Map<String, V2Layer> layers = new ConcurrentHashMap<>();
    private volatile Duration delay = Duration.ZERO;
    private volatile Duration indexDelay = Duration.ZERO;
    private volatile int pollsBeforeFinished;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile byte[] pskKey;
    private volatile Set<String> issuers = Set.of();
    private volatile boolean running;

    private record IndexState(ObjectNode report, List<LayerContent.Package> packages, AtomicInteger pollsLeft) {
    }

    private record V2Layer(String name, String parent, List<LayerContent.Package> packages) {
    }

    private ClairSimulator(VulnerabilityTable table) {
        this.table = table;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", Ports.free()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "clair-simulator");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
        running = true;
    }

    public static ClairSimulator start(VulnerabilityTable table) {
        return new ClairSimulator(table);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Require a PSK JWT signed with this base64 key and one of these issuers. */
    public ClairSimulator psk(String base64Key, String... allowedIssuers) {
        this.pskKey = Base64.getDecoder().decode(base64Key);
        this.issuers = Set.of(allowedIssuers);
        return this;
    }

    /** Wait this long before answering any request (a slow Clair). */
    public ClairSimulator delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** Make indexing itself take this long (inside the POST, as real Clair's indexer does). */
    public ClairSimulator indexDelay(Duration delay) {
        this.indexDelay = delay;
        return this;
    }

    /** Answer the index POST with an unfinished state; the report is finished after this many GETs. */
    public ClairSimulator pollsBeforeFinished(int polls) {
        this.pollsBeforeFinished = polls;
        return this;
    }

    /** Answer the next {@code count} requests with 503. */
    public ClairSimulator failNext(int count) {
        failuresLeft.set(count);
        return this;
    }

    /** Requests by endpoint ("POST /indexer/api/v1/index_report", "GET /matcher/...", "POST /v1/layers", ...). */
    public Map<String, Integer> requests() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        requests.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    public int totalRequests() {
        return requests.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Every blob fetch: "URI -> status". */
    public List<String> fetches() {
        return List.copyOf(fetches);
    }

    /** The Authorization headers the client asked the simulator to send to the registry (secret: for assertions only). */
    public List<String> registryAuthorizationsReceived() {
        return List.copyOf(authorizationHeadersSeen);
    }

    public List<String> schemaProblems() {
        return List.copyOf(schemaProblems);
    }

    /** Down: the port is closed, connections are refused. */
    public void stop() {
        if (running) {
            running = false;
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            String key = method + " " + endpoint(path);
            requests.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                send(exchange, 503, "{\"code\":\"unavailable\",\"message\":\"simulated outage\"}");
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.startsWith("/v1/")) {
                v2(exchange, method, path, body);
                return;
            }
            String authProblem = checkPsk(exchange.getRequestHeaders().getFirst("Authorization"));
            if (authProblem != null) {
                send(exchange, 401, error("unauthorized", authProblem));
                return;
            }
            if (method.equals("POST") && path.equals("/indexer/api/v1/index_report")) {
                index(exchange, body);
            } else if (method.equals("GET") && path.startsWith("/indexer/api/v1/index_report/")) {
                indexReport(exchange, path.substring("/indexer/api/v1/index_report/".length()));
            } else if (method.equals("GET") && path.equals("/indexer/api/v1/index_state")) {
                send(exchange, 200, "{\"state\":\"simulator-1\"}");
            } else if (method.equals("GET") && path.startsWith("/matcher/api/v1/vulnerability_report/")) {
                vulnerabilityReport(exchange, path.substring("/matcher/api/v1/vulnerability_report/".length()));
            } else {
                send(exchange, 404, error("not-found", "no such endpoint " + method + " " + path));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            send(exchange, 500, error("internal", e.toString()));
        }
    }

    private static String endpoint(String path) {
        if (path.startsWith("/indexer/api/v1/index_report/")) {
            return "/indexer/api/v1/index_report/{digest}";
        }
        if (path.startsWith("/matcher/api/v1/vulnerability_report/")) {
            return "/matcher/api/v1/vulnerability_report/{digest}";
        }
        if (path.startsWith("/v1/layers/")) {
            return "/v1/layers/{name}";
        }
        return path;
    }

    // ---- v4 -------------------------------------------------------------------------------

    private void index(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        JsonNode manifest;
        try {
            manifest = Json.mapper().readTree(body);
        } catch (IOException e) {
            send(exchange, 400, error("bad-request", "the body is not JSON"));
            return;
        }
        List<String> problems = SpecSchemas.v4().problems("manifest", manifest);
        problems.forEach(p -> schemaProblems.add("manifest " + p));
        if (!problems.isEmpty()) {
            send(exchange, 400, error("bad-request", "manifest does not match the schema: " + problems));
            return;
        }
        if (!indexDelay.isZero()) {
            Thread.sleep(indexDelay.toMillis());
        }
        String hash = manifest.path("hash").asText();
        ObjectNode report = Json.mapper().createObjectNode();
        report.put("manifest_hash", hash);
        List<LayerContent.Package> packages = new ArrayList<>();
        Map<String, String> introducedIn = new LinkedHashMap<>();
        String failure = null;
        for (JsonNode layer : manifest.path("layers")) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            layer.path("headers").fields().forEachRemaining(e -> {
                List<String> values = new ArrayList<>();
                e.getValue().forEach(v -> values.add(v.asText()));
                headers.put(e.getKey(), values);
            });
            try {
                for (LayerContent.Package p : fetchLayer(layer.path("uri").asText(), layer.path("hash").asText(), headers)) {
                    packages.removeIf(old -> old.name().equals(p.name()));
                    packages.add(p);
                    introducedIn.put(p.name(), layer.path("hash").asText());
                }
            } catch (LayerFetchException e) {
                failure = e.getMessage();
                break;
            }
        }
        if (failure != null) {
            report.put("state", "IndexError");
            report.put("success", false);
            report.put("err", failure);
        } else {
            report.put("state", pollsBeforeFinished > 0 ? "FetchLayers" : "IndexFinished");
            report.put("success", pollsBeforeFinished == 0);
            fillIndex(report, packages, introducedIn);
        }
        indexes.put(hash, new IndexState(report, packages, new AtomicInteger(pollsBeforeFinished)));
        send(exchange, 201, checked("index_report", report));
    }

    private void fillIndex(ObjectNode report, List<LayerContent.Package> packages, Map<String, String> introducedIn) {
        ObjectNode packageMap = report.putObject("packages");
        ObjectNode environments = report.putObject("environments");
        ObjectNode distributions = report.putObject("distributions");
        boolean dpkg = packages.stream().anyMatch(p -> p.database().equals(LayerContent.DPKG));
        boolean apk = packages.stream().anyMatch(p -> p.database().equals(LayerContent.APK));
        if (dpkg) {
            distributions.putObject("1").put("id", "1").put("did", "debian").put("name", "Debian GNU/Linux")
                    .put("version_id", "11").put("pretty_name", "Debian GNU/Linux 11 (bullseye)");
        }
        if (apk) {
            distributions.putObject("2").put("id", "2").put("did", "alpine").put("name", "Alpine Linux").put("version_id", "3.18");
        }
        int id = 100;
        for (LayerContent.Package p : packages) {
            String pid = String.valueOf(id++);
            packageMap.putObject(pid).put("id", pid).put("name", p.name()).put("version", p.version()).put("kind", "BINARY");
            environments.putArray(pid).addObject().put("package_db", p.database())
                    .put("introduced_in", introducedIn.get(p.name()))
                    .put("distribution_id", p.database().equals(LayerContent.DPKG) ? "1" : "2");
        }
        report.set("repository", Json.mapper().createObjectNode());
    }

    private void indexReport(HttpExchange exchange, String digest) throws IOException {
        IndexState state = indexes.get(digest);
        if (state == null) {
            send(exchange, 404, error("not-found", "no index report for " + digest));
            return;
        }
        if (state.pollsLeft().decrementAndGet() <= 0 && !"IndexError".equals(state.report().path("state").asText())) {
            state.report().put("state", "IndexFinished");
            state.report().put("success", true);
        }
        send(exchange, 200, checked("index_report", state.report()));
    }

    private void vulnerabilityReport(HttpExchange exchange, String digest) throws IOException {
        IndexState state = indexes.get(digest);
        if (state == null || !"IndexFinished".equals(state.report().path("state").asText())) {
            send(exchange, 404, error("not-found", "manifest " + digest + " has not been indexed"));
            return;
        }
        ObjectNode report = Json.mapper().createObjectNode();
        report.put("manifest_hash", digest);
        report.set("packages", state.report().path("packages").deepCopy());
        report.set("distributions", state.report().path("distributions").deepCopy());
        report.set("environments", state.report().path("environments").deepCopy());
        ObjectNode vulnerabilities = report.putObject("vulnerabilities");
        ObjectNode packageVulnerabilities = report.putObject("package_vulnerabilities");
        int vid = 1;
        for (var it = state.report().path("packages").fields(); it.hasNext(); ) {
            var entry = it.next();
            String name = entry.getValue().path("name").asText();
            String version = entry.getValue().path("version").asText();
            ArrayNode ids = null;
            for (VulnerabilityTable.Entry v : table.matching(name, version)) {
                String id = String.valueOf(vid++);
                ObjectNode node = vulnerabilities.putObject(id);
                node.put("id", id);
                node.put("updater", "simulator");
                node.put("name", v.name());
                node.put("description", v.description());
                node.put("links", v.link() + " https://nvd.nist.gov/vuln/detail/" + v.name());
                node.put("severity", v.severity());
                node.put("normalized_severity", v.severity());
                node.put("fixed_in_version", v.fixedIn());
                node.put("arch_op", "equals");
                node.putObject("package").put("id", entry.getKey()).put("name", name).put("version", "");
                if (ids == null) {
                    ids = packageVulnerabilities.putArray(entry.getKey());
                }
                ids.add(id);
            }
        }
        report.putObject("enrichments");
        send(exchange, 201, checked("vulnerability_report", report));
    }

    private String checked(String schema, ObjectNode document) {
        SpecSchemas.v4().problems(schema, document).forEach(p -> schemaProblems.add("simulator's " + schema + " " + p));
        return Json.write(document);
    }

    private String checkPsk(String authorization) {
        if (pskKey == null) {
            return null;
        }
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return "authorization required";
        }
        String[] parts = authorization.substring(7).split("\\.");
        if (parts.length != 3) {
            return "malformed JWT";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pskKey, "HmacSHA256"));
            String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII)));
            if (!expected.equals(parts[2])) {
                return "JWT signature does not verify";
            }
            JsonNode header = Json.mapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = Json.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (!"HS256".equals(header.path("alg").asText())) {
                return "JWT alg must be HS256";
            }
            if (!issuers.contains(claims.path("iss").asText())) {
                return "issuer " + claims.path("iss").asText() + " not allowed";
            }
            if (claims.path("exp").asLong(0) < Instant.now().getEpochSecond()) {
                return "JWT expired";
            }
            return null;
        } catch (Exception e) {
            return "JWT unreadable: " + e.getMessage();
        }
    }

    // ---- layer fetching (both APIs) ---------------------------------------------------------

    private static final class LayerFetchException extends Exception {
        LayerFetchException(String message) {
            super(message);
        }
    }

    private List<LayerContent.Package> fetchLayer(String uri, String digest, Map<String, List<String>> headers)
            throws LayerFetchException, InterruptedException {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).GET();
        } catch (IllegalArgumentException e) {
            throw new LayerFetchException("layer " + digest + ": bad uri " + uri);
        }
        headers.forEach((name, values) -> values.forEach(v -> {
            request.header(name, v);
            if (name.equalsIgnoreCase("Authorization")) {
                authorizationHeadersSeen.add(v);
            }
        }));
        HttpResponse<byte[]> response;
        try {
            response = fetcher.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            fetches.add(uri + " -> " + e);
            throw new LayerFetchException("fetcher: layer " + digest + ": " + e);
        }
        fetches.add(uri + " -> " + response.statusCode());
        if (response.statusCode() != 200) {
            throw new LayerFetchException("fetcher: unexpected status code \"" + response.statusCode() + "\" fetching layer " + digest);
        }
        try {
            String actual = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(response.body()));
            if (!actual.equals(digest)) {
                throw new LayerFetchException("fetcher: layer " + digest + " has digest " + actual);
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try {
            return LayerContent.packages(response.body());
        } catch (UncheckedIOException e) {
            throw new LayerFetchException("layer " + digest + ": " + e.getMessage());
        }
    }

    // ---- v2 ----------------------------------------------------------------------------------

    private void v2(HttpExchange exchange, String method, String path, byte[] body) throws IOException, InterruptedException {
        if (method.equals("POST") && path.equals("/v1/layers")) {
            JsonNode layer;
            try {
                layer = Json.mapper().readTree(body).path("Layer");
            } catch (IOException e) {
                send(exchange, 400, v2Error("could not decode the request: " + e.getMessage()));
                return;
            }
            for (String required : List.of("Name", "Path", "Format")) {
                if (!layer.hasNonNull(required) || layer.path(required).asText().isEmpty()) {
                    schemaProblems.add("v2 layer without " + required);
                    send(exchange, 400, v2Error("could not process layer: " + required + " is required"));
                    return;
                }
            }
            String parent = layer.path("ParentName").asText(null);
            if (parent != null && !layers.containsKey(parent)) {
                send(exchange, 400, v2Error("could not find parent layer " + parent));
                return;
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            layer.path("Headers").fields().forEachRemaining(e -> headers.put(e.getKey(), List.of(e.getValue().asText())));
            if (!indexDelay.isZero()) {
                Thread.sleep(indexDelay.toMillis());
            }
            List<LayerContent.Package> packages;
            String path0 = layer.path("Path").asText();
            String digest = path0.substring(path0.lastIndexOf('/') + 1);
            try {
                packages = fetchLayer(path0, digest, headers);
            } catch (LayerFetchException e) {
                send(exchange, 400, v2Error("could not download layer: " + e.getMessage()));
                return;
            }
            layers.put(layer.path("Name").asText(), new V2Layer(layer.path("Name").asText(), parent, packages));
            ObjectNode answer = Json.mapper().createObjectNode();
            ObjectNode echoed = answer.putObject("Layer");
            echoed.put("Name", layer.path("Name").asText());
            echoed.put("Path", path0);
            if (parent != null) {
                echoed.put("ParentName", parent);
            }
            echoed.put("Format", layer.path("Format").asText());
            echoed.put("IndexedByVersion", 3);
            send(exchange, 201, Json.write(answer));
        } else if (method.equals("GET") && path.startsWith("/v1/layers/")) {
            String name = path.substring("/v1/layers/".length());
            V2Layer top = layers.get(name);
            if (top == null) {
                send(exchange, 404, v2Error("the resource cannot be found"));
                return;
            }
            String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
            boolean features = List.of(query.split("&")).contains("features");
            boolean vulnerabilities = List.of(query.split("&")).contains("vulnerabilities");
            List<V2Layer> chain = new ArrayList<>();
            for (V2Layer l = top; l != null; l = l.parent() == null ? null : layers.get(l.parent())) {
                chain.add(0, l);
            }
            Map<String, String[]> merged = new LinkedHashMap<>();
            for (V2Layer l : chain) {
                for (LayerContent.Package p : l.packages()) {
                    merged.put(p.name(), new String[] {p.version(), l.name(), p.database()});
                }
            }
            ObjectNode answer = Json.mapper().createObjectNode();
            ObjectNode layer = answer.putObject("Layer");
            layer.put("Name", top.name());
            layer.put("NamespaceName", "debian:11");
            if (top.parent() != null) {
                layer.put("ParentName", top.parent());
            }
            layer.put("IndexedByVersion", 3);
            if (features || vulnerabilities) {
                ArrayNode list = layer.putArray("Features");
                merged.forEach((pkg, info) -> {
                    ObjectNode feature = list.addObject();
                    feature.put("Name", pkg);
                    feature.put("NamespaceName", info[2].equals(LayerContent.APK) ? "alpine:v3.18" : "debian:11");
                    feature.put("VersionFormat", info[2].equals(LayerContent.APK) ? "apk" : "dpkg");
                    feature.put("Version", info[0]);
                    feature.put("AddedBy", info[1]);
                    if (vulnerabilities) {
                        ArrayNode vs = feature.putArray("Vulnerabilities");
                        for (VulnerabilityTable.Entry v : table.matching(pkg, info[0])) {
                            ObjectNode node = vs.addObject();
                            node.put("Name", v.name());
                            node.put("NamespaceName", "debian:11");
                            node.put("Description", v.description());
                            node.put("Link", v.link());
                            node.put("Severity", v.severity());
                            if (!v.fixedIn().isEmpty()) {
                                node.put("FixedBy", v.fixedIn());
                            }
                        }
                    }
                });
            }
            send(exchange, 200, Json.write(answer));
        } else {
            send(exchange, 404, v2Error("no such endpoint " + method + " " + path));
        }
    }

    private static String v2Error(String message) {
        return "{\"Error\":{\"Message\":" + Json.write(message) + "}}";
    }

    private static String error(String code, String message) {
        return "{\"code\":" + Json.write(code) + ",\"message\":" + Json.write(message) + "}";
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
