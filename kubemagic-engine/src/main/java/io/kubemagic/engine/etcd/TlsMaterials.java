package io.kubemagic.engine.etcd;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.console.SecretValue;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns what credential stores hold into {@link TlsMaterial}: a PKCS#12 key store (a Jenkins
 * certificate credential) or one PEM bundle holding the client certificate, its key and the CA.
 */
public final class TlsMaterials {
    private TlsMaterials() {
    }

    /**
     * The first key entry of a PKCS#12 store is the client identity; certificates after the first
     * in its chain are offered as the CA unless a CA is given separately.
     */
    public static TlsMaterial fromKeyStore(String field, KeyStore keyStore, char[] password, String caPem) {
        try {
            for (String alias : Collections.list(keyStore.aliases())) {
                if (!keyStore.isKeyEntry(alias)) {
                    continue;
                }
                Key key = keyStore.getKey(alias, password);
                if (!(key instanceof PrivateKey privateKey)) {
                    continue;
                }
                Certificate[] chain = keyStore.getCertificateChain(alias);
                if (chain == null || chain.length == 0) {
                    throw new InvalidInputException(field, "key entry \"" + alias + "\" has no certificate");
                }
                String clientPem = PemReader.toPem("CERTIFICATE", chain[0].getEncoded());
                StringBuilder chainCa = new StringBuilder();
                for (int i = 1; i < chain.length; i++) {
                    chainCa.append(PemReader.toPem("CERTIFICATE", chain[i].getEncoded()));
                }
                String ca = caPem != null && !caPem.isBlank() ? caPem : chainCa.toString();
                return TlsMaterial.of(ca, clientPem, SecretValue.of(PemReader.toPem("PRIVATE KEY", privateKey.getEncoded())));
            }
        } catch (GeneralSecurityException e) {
            throw new InvalidInputException(field, "the certificate key store cannot be read with its password ("
                    + e.getClass().getSimpleName() + "); check the credential's password");
        }
        throw new InvalidInputException(field, "the certificate key store holds no private key entry; "
                + "it must contain the client certificate and its key");
    }

    /**
     * A PEM bundle: the certificate that matches the private key is the client's, the other
     * certificates are the CA. {@code caPem}, when given, replaces the bundle's CA.
     */
    public static TlsMaterial fromPemBundle(String field, String bundle, String caPem) {
        List<X509Certificate> certificates = PemReader.certificates(field, bundle);
        boolean hasKey = bundle.contains("PRIVATE KEY-----");
        if (!hasKey) {
            if (certificates.isEmpty()) {
                throw new InvalidInputException(field, "holds neither certificates nor a private key");
            }
            return TlsMaterial.serverOnly(caPem != null && !caPem.isBlank() ? caPem : bundle);
        }
        PrivateKey key = PemReader.privateKey(field, bundle);
        X509Certificate client = null;
        List<X509Certificate> others = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            if (client == null && matches(certificate, key)) {
                client = certificate;
            } else {
                others.add(certificate);
            }
        }
        if (client == null) {
            throw new InvalidInputException(field, "has a private key but no certificate that belongs to it; "
                    + "put the client certificate issued for that key in the same file");
        }
        try {
            StringBuilder ca = new StringBuilder();
            for (X509Certificate other : others) {
                ca.append(PemReader.toPem("CERTIFICATE", other.getEncoded()));
            }
            String chosenCa = caPem != null && !caPem.isBlank() ? caPem : ca.toString();
            return TlsMaterial.of(chosenCa, PemReader.toPem("CERTIFICATE", client.getEncoded()),
                    SecretValue.of(PemReader.toPem("PRIVATE KEY", key.getEncoded())));
        } catch (GeneralSecurityException e) {
            throw new InvalidInputException(field, "a certificate cannot be encoded: " + e.getMessage());
        }
    }

    private static boolean matches(X509Certificate certificate, PrivateKey key) {
        if (!certificate.getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            return false;
        }
        if (certificate.getPublicKey() instanceof java.security.interfaces.RSAPublicKey rsa
                && key instanceof java.security.interfaces.RSAPrivateKey rsaKey) {
            return rsa.getModulus().equals(rsaKey.getModulus());
        }
        if (certificate.getPublicKey() instanceof java.security.interfaces.ECPublicKey ec
                && key instanceof java.security.interfaces.ECPrivateKey ecKey) {
            return ec.getW().equals(publicPointOf(ecKey));
        }
        return true;
    }

    private static java.security.spec.ECPoint publicPointOf(java.security.interfaces.ECPrivateKey key) {
        // Deriving the public point needs EC arithmetic, which the JDK does not expose.
        org.bouncycastle.jce.spec.ECParameterSpec spec = org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util
                .convertSpec(key.getParams());
        org.bouncycastle.math.ec.ECPoint q = spec.getG().multiply(key.getS()).normalize();
        return new java.security.spec.ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    }
}
