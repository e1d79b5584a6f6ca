package io.kubemagic.engine.etcd;

import io.kubemagic.engine.KubeMagicException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Turns gRPC/TLS failures into what an operator can act on. A wrong CA and a missing client
 * certificate both surface from gRPC as "UNAVAILABLE"; they must not read like a timeout.
 */
public final class EtcdFailures {
    private EtcdFailures() {
    }

    public static KubeMagicException explain(String what, String endpoint, Throwable failure, EtcdTarget target) {
        String chain = messages(failure).toLowerCase(Locale.ROOT);
        return new KubeMagicException(what + " on " + endpoint + " failed: " + reason(chain, failure, target), failure);
    }

    static String reason(String chain, Throwable failure, EtcdTarget target) {
        boolean clientCertificate = target.tls() != null && target.tls().hasClientCertificate();
        if (chain.contains("pkix path") || chain.contains("unable to find valid certification path")
                || chain.contains("certificate_unknown") && !chain.contains("alert")) {
            return "the server's TLS certificate is not signed by the CA given (wrong CA: check the CA file / "
                    + "caCredentialsId; it must be the CA that issued the etcd server certificates)";
        }
        if (chain.contains("no subject alternative") || chain.contains("no name matching")
                || chain.contains("hostname") && chain.contains("verif")) {
            return "the server's TLS certificate does not name this host; use the address the certificate was "
                    + "issued for (see its subject alternative names)";
        }
        if (chain.contains("bad_certificate") || chain.contains("certificate_required")
                || chain.contains("unknown_ca") || chain.contains("bad certificate")) {
            return clientCertificate
                    ? "etcd refused the client certificate (it is not signed by a CA the server trusts, or not "
                    + "valid for client authentication); check the client certificate credential"
                    : "etcd requires a client certificate (it runs with --client-cert-auth) and none was given; "
                    + "add a client certificate and key (credentialsId / --cert and --key)";
        }
        if (chain.contains("not an ssl/tls record") || chain.contains("ssl record")) {
            return "the endpoint speaks plain HTTP; write it as http:// instead of https://";
        }
        if (chain.contains("authentication failed") || chain.contains("invalid user id or password")) {
            return "etcd refused the user name or password; check the etcd auth credential";
        }
        if (chain.contains("user name is empty") || chain.contains("permission denied")
                || chain.contains("invalid auth token")) {
            return "etcd has authentication enabled and refused the request; give an etcd user with a password "
                    + "that has the root role";
        }
        if (chain.contains("connection refused")) {
            return "nothing listens there (connection refused): is etcd running, and is the port the client port 2379?";
        }
        if (chain.contains("http2") && chain.contains("tls") || chain.contains("first record does not look like a tls")
                || chain.contains("connection reset") && target.tls() == null) {
            return "the endpoint expects TLS; write it as https:// and give the CA";
        }
        if (chain.contains("database space exceeded")) {
            return "mvcc: database space exceeded (the NOSPACE alarm is active; run etcd defrag)";
        }
        if (failure instanceof TimeoutException || chain.contains("deadline_exceeded") || chain.contains("deadline exceeded")
                || chain.contains("timeout")) {
            return "no answer within the timeout (the member is down, hung or unreachable: check it and the network)";
        }
        return firstMessage(failure);
    }

    static String messages(Throwable failure) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = failure; t != null && parts.size() < 12; t = t.getCause()) {
            parts.add(t.getClass().getName() + ": " + t.getMessage());
            for (Throwable suppressed : t.getSuppressed()) {
                parts.add(suppressed.getClass().getName() + ": " + suppressed.getMessage());
            }
        }
        return String.join(" | ", parts);
    }

    private static String firstMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
