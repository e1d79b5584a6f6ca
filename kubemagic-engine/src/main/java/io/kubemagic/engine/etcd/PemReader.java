package io.kubemagic.engine.etcd;

import io.kubemagic.engine.InvalidInputException;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** PEM text to JCA objects and back. Error messages name the field, never the key material. */
public final class PemReader {
    private PemReader() {
    }

    public static List<X509Certificate> certificates(String field, String pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object object : objects(field, pem)) {
            if (object instanceof X509CertificateHolder holder) {
                try {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                } catch (CertificateException e) {
                    throw new InvalidInputException(field, "holds a certificate Java cannot read: " + e.getMessage());
                }
            }
        }
        return certificates;
    }

    public static PrivateKey privateKey(String field, String pem) {
        for (Object object : objects(field, pem)) {
            try {
                if (object instanceof PEMKeyPair pair) {
                    return new JcaPEMKeyConverter().getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (object instanceof PrivateKeyInfo info) {
                    return new JcaPEMKeyConverter().getPrivateKey(info);
                }
            } catch (IOException e) {
                throw new InvalidInputException(field, "holds a private key Java cannot read (" + e.getClass().getSimpleName() + ")");
            }
        }
        throw new InvalidInputException(field, "holds no unencrypted private key (expected a PEM block "
                + "of PKCS#8 (PRIVATE KEY), PKCS#1 (RSA PRIVATE KEY) or SEC1 (EC PRIVATE KEY) form)");
    }

    private static List<Object> objects(String field, String pem) {
        if (pem == null || !pem.contains("-----BEGIN ")) {
            throw new InvalidInputException(field, "is not PEM text (no \"-----BEGIN\" line)");
        }
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                objects.add(object);
            }
        } catch (IOException e) {
            throw new InvalidInputException(field, "has a PEM block that cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return objects;
    }

    public static String toPem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
