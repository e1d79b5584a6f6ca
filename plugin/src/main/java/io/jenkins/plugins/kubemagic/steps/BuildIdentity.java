package io.jenkins.plugins.kubemagic.steps;

import hudson.model.Cause;
import hudson.model.Run;

/** "Who" for audit records: the user who started the build, and the build itself. */
public final class BuildIdentity {
    private BuildIdentity() {
    }

    public static String of(Run<?, ?> run) {
        Cause.UserIdCause user = run.getCause(Cause.UserIdCause.class);
        String build = "jenkins:" + run.getExternalizableId();
        return user == null || user.getUserId() == null ? build : user.getUserId() + " via " + build;
    }

    /** A path on the agent: absolute as given, otherwise relative to the workspace. */
    public static String onAgent(String workspace, String path) {
        if (path == null) {
            return null;
        }
        return path.startsWith("/") ? path : workspace + "/" + path;
    }
}
