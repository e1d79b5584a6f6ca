package io.kubemagic.engine.clair;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.console.SecretMasker;
import io.kubemagic.engine.console.SecretValue;
import io.kubemagic.engine.http.HttpCalls;
import io.kubemagic.engine.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

/** JSON calls to Clair: the PSK token on every request, statuses checked, Clair's error bodies read. */
final class ClairCalls {
    private final HttpCalls http;
    private final ClairEndpoint endpoint;
    private final SecretMasker masker;

    ClairCalls(HttpCalls http, ClairEndpoint endpoint, SecretMasker masker) {
        this.http = http;
        this.endpoint = endpoint;
        this.masker = masker;
    }

    ClairEndpoint endpoint() {
        return endpoint;
    }

    /** The response's status and JSON body; statuses other than {@code expected} raise with Clair's message. */
    record Answer(int status, JsonNode body) {
    }

    Answer post(String what, String path, JsonNode body, AtomicInteger requests, int... expected) {
        HttpRequest.Builder request = builder(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
        return check(what, http.withRetries(what, request.build(), requests), expected);
    }

    Answer get(String what, String path, AtomicInteger requests, int... expected) {
        return check(what, http.withRetries(what, builder(path).GET().build(), requests), expected);
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder builder = http.request(URI.create(endpoint.base() + path)).header("Accept", "application/json");
        if (endpoint.psk() != null) {
            SecretValue token = PskToken.sign(endpoint.psk(), endpoint.issuer(), Clock.systemUTC());
            masker.add(token);
            builder.header("Authorization", "Bearer " + token.reveal());
        }
        return builder;
    }

    private Answer check(String what, HttpResponse<byte[]> response, int... expected) {
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        for (int ok : expected) {
            if (status == ok) {
                if (body == null) {
                    throw new KubeMagicException(what + ": Clair at " + endpoint.base() + " answered " + status
                            + " with something that is not JSON; is " + endpoint.base() + " Clair's " + endpoint.api().label() + " API?");
                }
                return new Answer(status, body);
            }
        }
        String message = message(body, response.body());
        if (status == 401 || status == 403) {
            throw new KubeMagicException(what + ": Clair at " + endpoint.base() + " refused the request (" + status + ": "
                    + message + "); " + (endpoint.psk() == null
                    ? "it wants PSK authentication: give its pre-shared key"
                    : "check the pre-shared key and that the issuer \"" + endpoint.issuer() + "\" is in Clair's allow-list"));
        }
        if (status == 404 && body == null) {
            throw new KubeMagicException(what + ": " + endpoint.base() + " answered 404; is it Clair, and does it speak API "
                    + endpoint.api().label() + "? (" + message + ")");
        }
        throw new KubeMagicException(what + ": Clair at " + endpoint.base() + " answered " + status + ": " + message);
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : Json.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** Clair v4 writes {"code":..,"message":..}; v2 writes {"Error":{"Message":..}}. */
    private static String message(JsonNode body, byte[] raw) {
        if (body != null) {
            if (body.hasNonNull("message")) {
                return body.path("message").asText() + (body.hasNonNull("code") ? " [" + body.path("code").asText() + "]" : "");
            }
            if (body.path("Error").hasNonNull("Message")) {
                return body.path("Error").path("Message").asText();
            }
        }
        String text = new String(raw, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "(no body)" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
