package io.kubemagic.engine.kube;

import io.kubemagic.engine.KubeMagicException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Reads the API server's certificate from the TLS handshake itself, trusting nothing and sending
 * nothing: the one check that still works when the certificate has expired and every client
 * (kubectl, the playbooks) is refused. The recovery from the notes: {@code kubeadm certs renew apiserver}.
 */
public final class ApiServerCertificate {
    /** The certificate the server presented, and how long it has left. */
    public record Info(String server, String subject, String issuer, Instant notBefore, Instant notAfter, long daysLeft)
            implements Serializable {
        public boolean expired() {
            return daysLeft < 0;
        }
    }

    private ApiServerCertificate() {
    }

    public static Info read(URI server, Duration timeout, Clock clock) {
        String host = server.getHost();
        int port = server.getPort() > 0 ? server.getPort() : 443;
        X509Certificate[][] captured = new X509Certificate[1][];
        TrustManager recorder = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                throw new UnsupportedOperationException("client side only");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                captured[0] = chain;
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[]{recorder}, null);
            try (java.net.Socket plain = new java.net.Socket()) {
                plain.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
                plain.setSoTimeout((int) timeout.toMillis());
                try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true)) {
                    socket.startHandshake();
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            if (captured[0] == null) {
                throw new KubeMagicException("cannot read the certificate of " + server + ": TLS handshake failed ("
                        + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
            }
        }
        if (captured[0] == null || captured[0].length == 0) {
            throw new KubeMagicException("the API server at " + server + " presented no certificate");
        }
        X509Certificate leaf = captured[0][0];
        Instant notAfter = leaf.getNotAfter().toInstant();
        long days = Duration.between(clock.instant(), notAfter).toDays();
        if (clock.instant().isAfter(notAfter)) {
            days = Math.min(days, -1);
        }
        return new Info(server.toString(), leaf.getSubjectX500Principal().getName(), leaf.getIssuerX500Principal().getName(),
                leaf.getNotBefore().toInstant(), notAfter, days);
    }
}
