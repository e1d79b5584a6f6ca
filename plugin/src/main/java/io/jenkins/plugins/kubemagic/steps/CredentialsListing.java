package io.jenkins.plugins.kubemagic.steps;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.ListBoxModel;

import java.util.Arrays;
import java.util.List;

/**
 * The credentials drop-downs of the snippet generator. Only users who may configure the job or
 * use its credentials see the list; others see the current value alone.
 */
public final class CredentialsListing {
    private CredentialsListing() {
    }

    @SafeVarargs
    public static ListBoxModel of(Item item, String current, Class<? extends StandardCredentials>... types) {
        StandardListBoxModel model = new StandardListBoxModel();
        if (item == null || !item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
            if (current != null && !current.isBlank()) {
                model.includeCurrentValue(current);
            }
            return model;
        }
        CredentialsMatcher matcher = CredentialsMatchers.anyOf(Arrays.stream(types)
                .map(CredentialsMatchers::instanceOf).toArray(CredentialsMatcher[]::new));
        model.includeEmptyValue().includeMatchingAs(ACL.SYSTEM2, item, StandardCredentials.class, List.of(), matcher);
        if (current != null && !current.isBlank()) {
            model.includeCurrentValue(current);
        }
        return model;
    }
}
