package io.kubemagic.engine.kube;

import io.kubemagic.engine.etcd.PemReader;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;

/**
 * A TLS server on 127.0.0.1 whose certificate expired yesterday, like the API servers of the
 * notes: it completes handshakes (for clients that do not check dates) and then closes.
 */
final class ExpiredTlsServer implements AutoCloseable {
    private final SSLServerSocket socket;
    private final X509Certificate certificate;
    private final Thread acceptor;

    ExpiredTlsServer() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=kubernetes"), BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(366, ChronoUnit.DAYS)), Date.from(now.minus(1, ChronoUnit.DAYS)), new X500Name("CN=kube-apiserver"),
                keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        certificate = new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", keys.getPrivate(), "x".toCharArray(), new X509Certificate[]{certificate});
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(store, "x".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        socket = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
        acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try (SSLSocket client = (SSLSocket) socket.accept()) {
                    client.setSoTimeout(2000);
                    client.startHandshake();
                } catch (Exception ignored) {
                    // A client that refused the certificate, or the socket closed by close().
                }
            }
        }, "expired-tls-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "https://127.0.0.1:" + socket.getLocalPort();
    }

    String caData() {
        return Base64.getEncoder().encodeToString(PemReader.toPem("CERTIFICATE", encoded()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private byte[] encoded() {
        try {
            return certificate.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    @Override
    public void close() throws Exception {
        socket.close();
        acceptor.join(5000);
    }
}
