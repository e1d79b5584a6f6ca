package io.jenkins.plugins.kubemagic.etcd;

import io.jenkins.plugins.kubemagic.credentials.CredentialResolver;
import io.jenkins.plugins.kubemagic.credentials.CredentialSource;
import io.jenkins.plugins.kubemagic.credentials.ResolvedCredential;
import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.etcd.EtcdEndpoints;
import io.kubemagic.engine.etcd.EtcdEnvFile;
import io.kubemagic.engine.etcd.EtcdTarget;
import io.kubemagic.engine.etcd.QuotaBytes;
import io.kubemagic.engine.etcd.TlsMaterial;
import io.kubemagic.engine.etcd.TlsMaterials;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The fields every etcd step shares (where the cluster is, how to authenticate, the quota) and
 * their mapping to an engine {@link EtcdTarget}. The mapping is plain Java, tested without Jenkins.
 */
public abstract class EtcdConnectionStep extends Step {
    private String endpoints;
    private String etcdEnv;
    private String credentialsId;
    private String caCredentialsId;
    private String authCredentialsId;
    private String quotaBytes;
    private int commandTimeoutSeconds = 30;
    private String auditLog;

    public String getEndpoints() {
        return endpoints;
    }

    /** Client URLs, comma-separated: {@code https://10.0.0.1:2379,https://10.0.0.2:2379}. */
    @DataBoundSetter
    public void setEndpoints(String endpoints) {
        this.endpoints = blankToNull(endpoints);
    }

    public String getEtcdEnv() {
        return etcdEnv;
    }

    /** The content of Kubespray's /etc/etcd.env, e.g. {@code readFile('/etc/etcd.env')}. */
    @DataBoundSetter
    public void setEtcdEnv(String etcdEnv) {
        this.etcdEnv = blankToNull(etcdEnv);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = blankToNull(credentialsId);
    }

    public String getCaCredentialsId() {
        return caCredentialsId;
    }

    @DataBoundSetter
    public void setCaCredentialsId(String caCredentialsId) {
        this.caCredentialsId = blankToNull(caCredentialsId);
    }

    public String getAuthCredentialsId() {
        return authCredentialsId;
    }

    @DataBoundSetter
    public void setAuthCredentialsId(String authCredentialsId) {
        this.authCredentialsId = blankToNull(authCredentialsId);
    }

    public String getQuotaBytes() {
        return quotaBytes;
    }

    @DataBoundSetter
    public void setQuotaBytes(String quotaBytes) {
        this.quotaBytes = blankToNull(quotaBytes);
    }

    public int getCommandTimeoutSeconds() {
        return commandTimeoutSeconds;
    }

    @DataBoundSetter
    public void setCommandTimeoutSeconds(int commandTimeoutSeconds) {
        this.commandTimeoutSeconds = commandTimeoutSeconds;
    }

    public String getAuditLog() {
        return auditLog;
    }

    /** A JSON-lines file on the agent (relative to the workspace) that every operation appends to. */
    @DataBoundSetter
    public void setAuditLog(String auditLog) {
        this.auditLog = blankToNull(auditLog);
    }

    /** Checked when the step runs, so a bad value fails the build with this message rather than a stack trace. */
    static int positive(String field, int value) {
        if (value <= 0) {
            throw new InvalidInputException(field, value + " must be more than 0");
        }
        return value;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The cluster to talk to, with TLS material and etcd auth read from the credentials. */
    public EtcdTarget target(CredentialSource credentials) {
        CredentialResolver resolver = new CredentialResolver(credentials);
        EtcdTarget.Builder builder = EtcdTarget.builder().commandTimeout(Duration.ofSeconds(positive("commandTimeoutSeconds", commandTimeoutSeconds)));
        if (endpoints != null && etcdEnv != null) {
            throw new InvalidInputException("endpoints", "give either endpoints or etcdEnv, not both");
        }
        if (endpoints != null) {
            builder.endpoints(EtcdEndpoints.parse("endpoints", endpoints));
        } else if (etcdEnv != null) {
            builder.etcdEnv(EtcdEnvFile.parse(etcdEnv));
        } else {
            throw new InvalidInputException("endpoints", "no cluster given: set endpoints "
                    + "(https://10.0.0.1:2379,...) or etcdEnv (the content of /etc/etcd.env)");
        }
        String ca = caCredentialsId == null ? null : resolver.text("caCredentialsId", caCredentialsId);
        TlsMaterial tls = ca == null ? null : TlsMaterial.serverOnly(ca);
        boolean authFromMainCredential = false;
        if (credentialsId != null) {
            ResolvedCredential credential = resolver.require("credentialsId", credentialsId,
                    ResolvedCredential.Certificate.class, ResolvedCredential.File.class, ResolvedCredential.UsernamePassword.class);
            if (credential instanceof ResolvedCredential.Certificate certificate) {
                tls = TlsMaterials.fromKeyStore("credentialsId", certificate.keyStore(),
                        certificate.password().reveal().toCharArray(), ca);
            } else if (credential instanceof ResolvedCredential.File file) {
                tls = TlsMaterials.fromPemBundle("credentialsId", new String(file.content(), StandardCharsets.UTF_8), ca);
            } else {
                ResolvedCredential.UsernamePassword login = (ResolvedCredential.UsernamePassword) credential;
                builder.auth(login.username(), login.password());
                authFromMainCredential = true;
            }
        }
        if (authCredentialsId != null) {
            if (authFromMainCredential) {
                throw new InvalidInputException("authCredentialsId", "credentialsId is already the etcd login; "
                        + "use credentialsId for the client certificate and authCredentialsId for the login");
            }
            ResolvedCredential.UsernamePassword login = (ResolvedCredential.UsernamePassword) resolver.require(
                    "authCredentialsId", authCredentialsId, ResolvedCredential.UsernamePassword.class);
            builder.auth(login.username(), login.password());
        }
        builder.tls(tls);
        EtcdTarget target = builder.build();
        if (EtcdEndpoints.anyTls(target.endpoints()) && (tls == null || tls.caPem() == null)) {
            throw new InvalidInputException("caCredentialsId", "the endpoints use https:// but no CA certificate was "
                    + "given; add a file credential with the etcd CA (Kubespray: /etc/ssl/etcd/ssl/ca.pem)");
        }
        return target;
    }

    /** The quota to measure usage against: the field, else ETCD_QUOTA_BACKEND_BYTES from etcdEnv, else etcd's default. */
    public long quota() {
        if (quotaBytes != null) {
            return QuotaBytes.parse("quotaBytes", quotaBytes);
        }
        if (etcdEnv != null) {
            return EtcdEnvFile.parse(etcdEnv).quotaBytes().orElse(QuotaBytes.ETCD_DEFAULT);
        }
        return QuotaBytes.ETCD_DEFAULT;
    }
}
