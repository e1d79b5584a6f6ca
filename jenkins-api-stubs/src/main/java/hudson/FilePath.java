/*
 * Compile-only stub of a Jenkins API type (see jenkins-api-stubs/README.md for the real artifact and
 * the source file this declaration was checked against). Declarations only; no behaviour.
 */
package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.remoting.Callable;
import java.io.IOException;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/**
 * Stub. The real public constructors need remoting types that are not stubbed, so the only
 * constructor here is private: obtain instances from the Pipeline context (or a mock).
 */
public final class FilePath implements SerializableOnlyOverRemoting {
    private FilePath() {
    }

    public String getRemote() {
        throw new UnsupportedOperationException("stub");
    }

    public <V, E extends Throwable> V act(Callable<V, E> callable) throws IOException, InterruptedException, E {
        throw new UnsupportedOperationException("stub");
    }

    public @NonNull FilePath child(String relOrAbsolute) {
        throw new UnsupportedOperationException("stub");
    }
}
