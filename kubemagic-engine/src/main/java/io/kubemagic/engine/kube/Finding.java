package io.kubemagic.engine.kube;

import java.io.Serializable;

/** One pre-flight observation: how serious, which check, about what, and what to do. */
public record Finding(Severity severity, String check, String subject, String message) implements Serializable {

    /** BLOCKING stops an upgrade unless overridden; WARNING is shown for the approval; OK records a passed check. */
    public enum Severity { BLOCKING, WARNING, OK }

    public String line() {
        return severity + " " + check + (subject == null ? "" : " " + subject) + ": " + message;
    }
}
