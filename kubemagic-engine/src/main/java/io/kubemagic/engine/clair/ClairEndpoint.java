package io.kubemagic.engine.clair;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.console.SecretMasker;
import io.kubemagic.engine.console.SecretValue;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;

/**
 * Where Clair is and how to talk to it.
 *
 * @param psk    Clair's pre-shared key as its config writes it (base64), or null when Clair needs no auth
 * @param issuer the {@code iss} claim of the PSK tokens; must be in Clair's allow-list
 */
public record ClairEndpoint(URI url, ClairApi api, SecretValue psk, String issuer) implements Serializable {
    public static final String DEFAULT_ISSUER = "kubemagic";

    public ClairEndpoint {
        if (url == null) {
            throw new InvalidInputException("clairUrl", "no Clair URL given; write e.g. http://clair.security.svc:6060");
        }
        api = api == null ? ClairApi.V4 : api;
        issuer = issuer == null || issuer.isBlank() ? DEFAULT_ISSUER : issuer.trim();
        if (psk != null) {
            try {
                if (Base64.getDecoder().decode(psk.reveal().trim()).length == 0) {
                    throw new IllegalArgumentException("empty");
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("clairPsk", "Clair's pre-shared key is written in base64 in its config "
                        + "(auth.psk.key); give it the same way");
            }
        }
    }

    public static ClairEndpoint of(String field, String url, ClairApi api, SecretValue psk, String issuer) {
        if (url == null || url.isBlank()) {
            throw new InvalidInputException(field, "no Clair URL given; write e.g. http://clair.security.svc:6060");
        }
        String text = url.trim();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidInputException(field, "\"" + url + "\" is not a URL: " + e.getReason());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new InvalidInputException(field, "\"" + url + "\" is not an http(s) URL; write e.g. http://clair:6060");
        }
        if (uri.getUserInfo() != null) {
            throw new InvalidInputException(field, "\"" + uri.getScheme() + "://" + SecretValue.MASK + "@" + uri.getHost()
                    + "\" carries a login in the URL; give Clair's pre-shared key as a credential instead");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new InvalidInputException(field, "\"" + url + "\": give the base URL only, without ?query or #fragment");
        }
        return new ClairEndpoint(uri, api, psk, issuer);
    }

    public String base() {
        return url.toString();
    }

    public void registerSecrets(SecretMasker masker) {
        masker.add(psk);
    }

    @Override
    public String toString() {
        return url + " (" + api.label() + (psk == null ? "" : ", PSK") + ")";
    }
}
