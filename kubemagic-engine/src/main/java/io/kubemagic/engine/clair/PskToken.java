package io.kubemagic.engine.clair;

import io.kubemagic.engine.console.SecretValue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The JWT Clair's PSK authentication wants: HS256, signed with the base64-decoded pre-shared key,
 * with an {@code iss} claim Clair allow-lists and a short lifetime.
 */
public final class PskToken {
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    static final Duration LIFETIME = Duration.ofMinutes(5);

    private PskToken() {
    }

    public static SecretValue sign(SecretValue base64Key, String issuer, Clock clock) {
        long now = clock.instant().getEpochSecond();
        String header = URL.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = URL.encodeToString(("{\"iss\":\"" + issuer.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\"iat\":" + now + ",\"nbf\":" + (now - 60) + ",\"exp\":" + (now + LIFETIME.toSeconds()) + "}")
                .getBytes(StandardCharsets.UTF_8));
        String signingInput = header + "." + claims;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Key.reveal().trim()), "HmacSHA256"));
            String signature = URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
            return SecretValue.of(signingInput + "." + signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}
