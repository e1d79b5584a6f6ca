package io.jenkins.plugins.kubemagic.steps;

import hudson.model.Item;
import hudson.util.FormValidation;
import jenkins.model.Jenkins;

import java.util.function.Supplier;

/**
 * Runs a {@link FieldCheck} behind the permission the form needs: Configure on the job, or
 * Administer where there is no job. Without it the answer is "ok", which reveals nothing.
 */
public final class FormChecks {
    private FormChecks() {
    }

    public static FormValidation check(Item item, Supplier<FieldCheck> check) {
        if (item == null ? !Jenkins.get().hasPermission(Jenkins.ADMINISTER) : !item.hasPermission(Item.CONFIGURE)) {
            return FormValidation.ok();
        }
        FieldCheck result = check.get();
        return switch (result.level()) {
            case OK -> FormValidation.ok();
            case WARNING -> FormValidation.warning(result.message());
            case ERROR -> FormValidation.error(result.message());
        };
    }
}
