package io.kubemagic.engine.inventory;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.io.Serializable;

/**
 * One thing the lint found. {@code subject} is the host, group or variable concerned,
 * {@code value} what it is now, {@code where} the file, {@code fix} what to change.
 */
public record LintFinding(Severity severity, String rule, String subject, String value, String where, String message,
                          String fix) implements Serializable {

    public enum Severity { ERROR, WARNING, INFO }

    @JsonIgnore
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** One line for logs: "ERROR etcd-even-members [group etcd = 2 members] ... Fix: ...". */
    public String describe() {
        return severity + " " + rule + " [" + subject + (value == null ? "" : " = " + value) + "]"
                + (where == null ? "" : " in " + where) + ": " + message + (fix == null ? "" : " Fix: " + fix);
    }
}
