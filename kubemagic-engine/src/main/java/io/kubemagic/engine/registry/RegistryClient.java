package io.kubemagic.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.console.SecretMasker;
import io.kubemagic.engine.console.SecretValue;
import io.kubemagic.engine.http.HttpCalls;
import io.kubemagic.engine.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client of the OCI distribution API, enough to find what a scanner must fetch: the manifest of
 * an image (an index or manifest list resolved to one platform), its layers, and the login the
 * registry wants. Anonymous, Basic and Bearer-token authentication follow the registry's
 * {@code WWW-Authenticate} challenge; the answer (a Basic header or a token) is remembered per
 * repository and handed to the scanner with the layers. Registries are reached over https unless
 * listed as insecure.
 */
public final class RegistryClient {
    private final HttpCalls http;
    private final RegistryCredentials credentials;
    private final Set<String> insecureRegistries;
    private final SecretMasker masker;
    private final Map<String, SecretValue> authorizations = new ConcurrentHashMap<>();

    public RegistryClient(HttpCalls http, RegistryCredentials credentials, Set<String> insecureRegistries, SecretMasker masker) {
        this.http = http;
        this.credentials = credentials;
        this.insecureRegistries = Set.copyOf(insecureRegistries);
        this.masker = masker;
        if (credentials != null) {
            credentials.registerSecrets(masker);
        }
    }

    /** The manifest of {@code reference} for {@code platform}, with its layers and the headers to fetch them. */
    public ResolvedImage resolve(ImageReference reference, Platform platform, AtomicInteger requests) {
        Manifest first = manifest(reference, reference.manifestReference(), requests);
        if (reference.digest() != null && !reference.digest().equals(first.digest)) {
            throw new KubeMagicException(reference + ": the registry sent a manifest whose digest is " + first.digest
                    + ", not the one asked for; the registry or a proxy between us changed it");
        }
        String indexDigest = null;
        Manifest chosen = first;
        if (MediaTypes.isIndex(first.mediaType)) {
            indexDigest = first.digest;
            String digest = choose(reference, first.body, platform);
            chosen = manifest(reference, digest, requests);
            if (!digest.equals(chosen.digest)) {
                throw new KubeMagicException(reference + ": the manifest for " + platform + " has digest " + chosen.digest
                        + ", but the index lists " + digest);
            }
            if (MediaTypes.isIndex(chosen.mediaType)) {
                throw new KubeMagicException(reference + ": the index entry for " + platform + " is itself an index; "
                        + "nested indexes are not supported, scan the inner index by digest");
            }
        }
        List<ResolvedImage.Layer> layers = layers(reference, chosen);
        Map<String, SecretValue> headers = new LinkedHashMap<>();
        SecretValue authorization = authorizations.get(key(reference));
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        return new ResolvedImage(reference, chosen.digest, chosen.mediaType, indexDigest,
                indexDigest == null ? null : platform.toString(), layers, headers);
    }

    /** {@code https://host:port} or {@code http://...} for an insecure registry. */
    public String baseUrl(ImageReference reference) {
        boolean insecure = insecureRegistries.contains(reference.registry()) || insecureRegistries.contains(reference.apiHost());
        return (insecure ? "http://" : "https://") + reference.apiHost();
    }

    private record Manifest(String digest, String mediaType, JsonNode body) {
    }

    private Manifest manifest(ImageReference reference, String manifestReference, AtomicInteger requests) {
        URI uri = URI.create(baseUrl(reference) + "/v2/" + reference.repository() + "/manifests/" + manifestReference);
        HttpResponse<byte[]> response = get(reference, uri, String.join(", ", MediaTypes.ACCEPTED_MANIFESTS), requests);
        int status = response.statusCode();
        if (status != 200) {
            throw failure(reference, manifestReference, response);
        }
        byte[] body = response.body();
        String digest = "sha256:" + sha256(body);
        String announced = response.headers().firstValue("Docker-Content-Digest").orElse(null);
        if (announced != null && announced.startsWith("sha256:") && !announced.equals(digest)) {
            throw new KubeMagicException(reference + ": the manifest's content does not match the digest the registry "
                    + "announced (" + announced + " announced, " + digest + " received)");
        }
        JsonNode json;
        try {
            json = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new KubeMagicException(reference + ": the registry's manifest is not JSON (" + e.getMessage() + ")", e);
        }
        String mediaType = mediaType(response, json);
        if (MediaTypes.DOCKER_V1_SIGNED.equals(mediaType) || MediaTypes.DOCKER_V1.equals(mediaType)
                || json.path("schemaVersion").asInt() == 1) {
            throw new KubeMagicException(reference + " only exists as a Docker schema 1 manifest, which scanners no longer "
                    + "read; push it again with a current client (it then gets a v2 or OCI manifest)");
        }
        if (!MediaTypes.isIndex(mediaType) && !MediaTypes.isManifest(mediaType)) {
            throw new KubeMagicException(reference + ": the registry sent a manifest of type \"" + mediaType
                    + "\", which is not an image manifest or index (OCI or Docker v2)");
        }
        return new Manifest(digest, mediaType, json);
    }

    private static String mediaType(HttpResponse<byte[]> response, JsonNode json) {
        String declared = json.path("mediaType").asText("");
        if (!declared.isEmpty()) {
            return declared;
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        int semicolon = contentType.indexOf(';');
        contentType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        if (MediaTypes.isIndex(contentType) || MediaTypes.isManifest(contentType) || contentType.contains("manifest.v1")) {
            return contentType;
        }
        // The OCI spec lets mediaType out of the body; tell manifest from index by its fields.
        return json.has("manifests") ? MediaTypes.OCI_INDEX : json.has("layers") ? MediaTypes.OCI_MANIFEST : contentType;
    }

    private HttpResponse<byte[]> get(ImageReference reference, URI uri, String accept, AtomicInteger requests) {
        String what = "registry " + reference.registry();
        SecretValue authorization = authorizations.get(key(reference));
        HttpResponse<byte[]> response = http.withRetries(what, build(uri, accept, authorization), requests);
        if (response.statusCode() != 401) {
            return response;
        }
        WwwAuthenticate challenge = WwwAuthenticate.parse(response.headers().firstValue("WWW-Authenticate").orElse(null))
                .orElseThrow(() -> new KubeMagicException(what + " answered 401 to " + uri.getPath()
                        + " without a WWW-Authenticate challenge; it is not a registry that speaks the distribution API"));
        SecretValue answer = answer(reference, challenge, requests);
        if (answer == null || answer.equals(authorization)) {
            throw unauthorized(reference, response);
        }
        authorizations.put(key(reference), answer);
        response = http.withRetries(what, build(uri, accept, answer), requests);
        if (response.statusCode() == 401) {
            throw unauthorized(reference, response);
        }
        return response;
    }

    private static HttpRequest build(URI uri, String accept, SecretValue authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).GET().header("Accept", accept);
        if (authorization != null) {
            builder.header("Authorization", authorization.reveal());
        }
        return builder.build();
    }

    /** The Authorization value the challenge asks for, or null when there is nothing to answer with. */
    private SecretValue answer(ImageReference reference, WwwAuthenticate challenge, AtomicInteger requests) {
        if (challenge.isBasic()) {
            return credentials == null ? null : credentials.basicHeader();
        }
        if (!challenge.isBearer()) {
            throw new KubeMagicException("registry " + reference.registry() + " asks for \"" + challenge.scheme()
                    + "\" authentication; only Basic and Bearer (token) are supported");
        }
        String realm = challenge.parameter("realm");
        if (realm == null || realm.isBlank()) {
            throw new KubeMagicException("registry " + reference.registry() + " asks for a token but names no token server (realm)");
        }
        StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
        String service = challenge.parameter("service");
        if (service != null) {
            url.append("service=").append(URLEncoder.encode(service, StandardCharsets.UTF_8)).append('&');
        }
        String scope = challenge.parameter("scope");
        if (scope == null || !scope.contains(reference.repository())) {
            scope = "repository:" + reference.repository() + ":pull";
        }
        url.append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        URI tokenUri = URI.create(url.toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenUri).GET().header("Accept", "application/json");
        if (credentials != null) {
            request.header("Authorization", credentials.basicHeader().reveal());
        }
        String what = "token server " + tokenUri.getAuthority() + " of registry " + reference.registry();
        HttpResponse<byte[]> response = http.withRetries(what, request.build(), requests);
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new KubeMagicException(what + (credentials == null
                    ? " wants a login for " + reference.repository() + " (" + response.statusCode()
                    + "); give registry credentials"
                    : " refused the user name or password of \"" + credentials.username() + "\" (" + response.statusCode()
                    + "); check the registry credentials"));
        }
        if (response.statusCode() != 200) {
            throw new KubeMagicException(what + " answered " + response.statusCode() + ": " + snippet(response));
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new KubeMagicException(what + " answered with something that is not JSON", e);
        }
        String token = body.path("token").asText(body.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new KubeMagicException(what + " answered without a token");
        }
        masker.add(token);
        SecretValue header = SecretValue.of("Bearer " + token);
        masker.add(header);
        return header;
    }

    private KubeMagicException unauthorized(ImageReference reference, HttpResponse<byte[]> response) {
        String code = errorCode(response);
        if (credentials == null) {
            return new KubeMagicException("registry " + reference.registry() + " wants a login for " + reference.repository()
                    + " (401" + (code == null ? "" : " " + code) + "); give registry credentials (a username/password "
                    + "credential, or --username with KUBEMAGIC_REGISTRY_PASSWORD)");
        }
        return new KubeMagicException("registry " + reference.registry() + " refused the user name or password of \""
                + credentials.username() + "\" for " + reference.repository() + " (401" + (code == null ? "" : " " + code)
                + "); check the registry credentials");
    }

    private KubeMagicException failure(ImageReference reference, String manifestReference, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String code = errorCode(response);
        String registry = "registry " + reference.registry();
        if (status == 403) {
            return new KubeMagicException(registry + " denied access to " + reference.repository() + " (403"
                    + (code == null ? "" : " " + code) + "): the login has no pull permission on it");
        }
        if (status == 404 && "NAME_UNKNOWN".equals(code)) {
            return new KubeMagicException(registry + " has no repository " + reference.repository()
                    + " (404 NAME_UNKNOWN); check the image name");
        }
        if (status == 404 && "MANIFEST_UNKNOWN".equals(code)) {
            return new KubeMagicException(registry + " has no " + (manifestReference.contains(":") ? "manifest " : "tag ")
                    + manifestReference + " in " + reference.repository() + " (404 MANIFEST_UNKNOWN); check the "
                    + (manifestReference.contains(":") ? "digest" : "tag") + " of " + reference);
        }
        if (status == 404) {
            return new KubeMagicException(registry + " answered 404 for " + reference + (code == null ? "" : " (" + code + ")")
                    + "; check the image name and tag, and that " + baseUrl(reference) + " is a registry");
        }
        if (status == 400 && snippet(response).toLowerCase(Locale.ROOT).contains("https")) {
            return new KubeMagicException(registry + " expects https; do not mark it as an insecure (http) registry");
        }
        return new KubeMagicException(registry + " answered " + status + (code == null ? "" : " " + code) + " for " + reference
                + ": " + snippet(response));
    }

    /** The first error code of a distribution API error body ({"errors":[{"code":"MANIFEST_UNKNOWN",...}]}). */
    private static String errorCode(HttpResponse<byte[]> response) {
        try {
            JsonNode errors = Json.mapper().readTree(response.body()).path("errors");
            return errors.isArray() && !errors.isEmpty() ? errors.get(0).path("code").asText(null) : null;
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    private static String snippet(HttpResponse<byte[]> response) {
        String text = new String(response.body(), StandardCharsets.UTF_8).strip();
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static String choose(ImageReference reference, JsonNode index, Platform platform) {
        List<String> available = new ArrayList<>();
        String fallback = null;
        for (JsonNode entry : index.path("manifests")) {
            JsonNode p = entry.path("platform");
            String os = p.path("os").asText("");
            String architecture = p.path("architecture").asText("");
            String variant = p.path("variant").isMissingNode() || p.path("variant").asText().isEmpty() ? null : p.path("variant").asText();
            if (os.isEmpty() || "unknown".equals(os)) {
                continue; // attestations and other artifacts
            }
            available.add(os + "/" + architecture + (variant == null ? "" : "/" + variant));
            if (platform.matches(os, architecture, variant)) {
                if (platform.variant() != null || variant == null) {
                    return entry.path("digest").asText();
                }
                if (fallback == null) {
                    fallback = entry.path("digest").asText();
                }
            }
        }
        if (fallback != null) {
            return fallback;
        }
        throw new KubeMagicException(reference + " has no image for platform " + platform + "; it has " + available
                + ". Choose one of those as the platform");
    }

    private List<ResolvedImage.Layer> layers(ImageReference reference, Manifest manifest) {
        List<ResolvedImage.Layer> layers = new ArrayList<>();
        String base = baseUrl(reference) + "/v2/" + reference.repository() + "/blobs/";
        for (JsonNode layer : manifest.body.path("layers")) {
            String digest = layer.path("digest").asText("");
            if (!digest.contains(":")) {
                throw new KubeMagicException(reference + ": a layer of manifest " + manifest.digest + " has no digest");
            }
            String mediaType = layer.path("mediaType").asText(null);
            JsonNode urls = layer.path("urls");
            String uri = urls.isArray() && !urls.isEmpty() ? urls.get(0).asText() : base + digest;
            layers.add(new ResolvedImage.Layer(digest, mediaType, layer.path("size").asLong(-1), uri));
        }
        if (layers.isEmpty()) {
            throw new KubeMagicException(reference + ": manifest " + manifest.digest + " has no layers, so there is nothing to scan");
        }
        return layers;
    }

    private static String key(ImageReference reference) {
        return reference.registry() + "/" + reference.repository();
    }

    /** The lower-case hex SHA-256 of {@code content}, as digests write it after "sha256:". */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
