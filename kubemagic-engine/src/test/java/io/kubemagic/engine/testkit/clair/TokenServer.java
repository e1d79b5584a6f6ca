package io.kubemagic.engine.testkit.clair;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kubemagic.engine.json.Json;
import io.kubemagic.engine.testkit.TestPki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The token server of the Docker registry token protocol, as small as a test needs: it checks a
 * Basic login and answers with a JWT (RS256, the signing certificate in {@code x5c}) granting pull
 * and push on the scopes asked for. The registry trusts it through its {@code rootcertbundle}.
 */
public final class TokenServer implements AutoCloseable {
    public static final String SERVICE = "kubemagic-test-registry";
    public static final String ISSUER = "kubemagic-test-token-issuer";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final HttpServer server;
    private final TestPki.Issued signer;
    private final String user;
    private final String password;
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    private TokenServer(String user, String password) {
        this.user = user;
        this.password = password;
        this.signer = TestPki.create("registry-token-signer").ca();
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", Ports.free()), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/token", this::token);
        server.start();
    }

    public static TokenServer start(String user, String password) {
        return new TokenServer(user, password);
    }

    public String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    public String certificatePem() {
        return signer.certificatePem();
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public int issued() {
        return issued.get();
    }

    public int refused() {
        return refused.get();
    }

    private void token(HttpExchange exchange) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            refused.incrementAndGet();
            send(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad login\"}]}");
            return;
        }
        List<String> scopes = new ArrayList<>();
        String query = exchange.getRequestURI().getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            if (pair.startsWith("scope=")) {
                scopes.add(URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8));
            }
        }
        issued.incrementAndGet();
        String token = sign(scopes);
        send(exchange, 200, "{\"token\":\"" + token + "\",\"access_token\":\"" + token + "\",\"expires_in\":300}");
    }

    private String sign(List<String> scopes) {
        try {
            ObjectNode header = Json.mapper().createObjectNode();
            header.put("typ", "JWT");
            header.put("alg", "RS256");
            header.putArray("x5c").add(Base64.getEncoder().encodeToString(signer.certificate().getEncoded()));
            long now = Instant.now().getEpochSecond();
            ObjectNode claims = Json.mapper().createObjectNode();
            claims.put("iss", ISSUER);
            claims.put("sub", user);
            claims.put("aud", SERVICE);
            claims.put("exp", now + 300);
            claims.put("nbf", now - 30);
            claims.put("iat", now);
            claims.put("jti", UUID.randomUUID().toString());
            ArrayNode access = claims.putArray("access");
            for (String scope : scopes) {
                String[] parts = scope.split(":");
                if (parts.length >= 3) {
                    ObjectNode entry = access.addObject();
                    entry.put("type", parts[0]);
                    entry.put("name", String.join(":", java.util.Arrays.copyOfRange(parts, 1, parts.length - 1)));
                    ArrayNode actions = entry.putArray("actions");
                    for (String action : parts[parts.length - 1].split(",")) {
                        actions.add(action);
                    }
                }
            }
            String input = URL.encodeToString(Json.write(header).getBytes(StandardCharsets.UTF_8)) + "."
                    + URL.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(signer.keyPair().getPrivate());
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
