package io.kubemagic.engine.etcd;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.console.SecretMasker;
import io.kubemagic.engine.console.SecretValue;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a client needs for TLS to etcd, as PEM text: the CA that signed the members' server
 * certificates and, for mutual TLS, a client certificate and its private key. The key is a
 * {@link SecretValue}; nothing here is ever written to disk.
 */
public final class TlsMaterial implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String caPem;
    private final String clientCertificatePem;
    private final SecretValue clientKeyPem;

    private TlsMaterial(String caPem, String clientCertificatePem, SecretValue clientKeyPem) {
        this.caPem = caPem;
        this.clientCertificatePem = clientCertificatePem;
        this.clientKeyPem = clientKeyPem;
    }

    /** Server verification only (etcd without client-certificate auth). */
    public static TlsMaterial serverOnly(String caPem) {
        return of(caPem, null, null);
    }

    public static TlsMaterial of(String caPem, String clientCertificatePem, SecretValue clientKeyPem) {
        if ((clientCertificatePem == null) != (clientKeyPem == null)) {
            throw new InvalidInputException(clientKeyPem == null ? "clientKey" : "clientCertificate",
                    "a client certificate and its private key go together; give both or neither");
        }
        return new TlsMaterial(blankToNull(caPem), blankToNull(clientCertificatePem), clientKeyPem);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** Without a CA the JVM's default trust store decides, which rarely knows an etcd CA. */
    public String caPem() {
        return caPem;
    }

    public String clientCertificatePem() {
        return clientCertificatePem;
    }

    public SecretValue clientKeyPem() {
        return clientKeyPem;
    }

    public boolean hasClientCertificate() {
        return clientCertificatePem != null;
    }

    public void registerSecrets(SecretMasker masker) {
        masker.add(clientKeyPem);
    }

    /** Adds a CA when the material came without one (e.g. a PKCS#12 credential plus a CA file). */
    public TlsMaterial withCa(String ca) {
        return new TlsMaterial(Objects.requireNonNullElse(blankToNull(ca), caPem), clientCertificatePem, clientKeyPem);
    }
}
