/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package hudson.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.ArrayList;
import org.kohsuke.stapler.HttpResponse;

/** Stub. */
public class ListBoxModel extends ArrayList<ListBoxModel.Option> implements HttpResponse {
    public ListBoxModel() {
    }

    public void add(@NonNull String displayName, @NonNull String value) {
        throw new UnsupportedOperationException("stub");
    }

    /** Stub of one entry; the real public constructors and fields are omitted. */
    public static final class Option {
        private Option() {
        }
    }
}
