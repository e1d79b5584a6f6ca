package io.jenkins.plugins.kubemagic.clair;

import hudson.model.TaskListener;
import io.jenkins.plugins.kubemagic.steps.AgentCall;
import io.jenkins.plugins.kubemagic.steps.AgentContext;
import io.kubemagic.engine.clair.ScanReport;
import io.kubemagic.engine.clair.ScanRequest;
import io.kubemagic.engine.clair.ScanRunner;
import io.kubemagic.engine.clair.Whitelist;

import java.nio.file.Path;

/** Runs the scan on the agent (which reaches the registry and Clair); reads the whitelist file there. */
public final class ClairScanCallable extends AgentCall<ScanReport> {
    private static final long serialVersionUID = 1L;

    private final ScanRequest request;
    private final String whitelistFile;
    private final TaskListener listener;
    private final String who;
    private final String auditLog;

    public ClairScanCallable(ScanRequest request, String whitelistFile, TaskListener listener, String who, String auditLog) {
        super(ScanReport.class);
        this.request = request;
        this.whitelistFile = whitelistFile;
        this.listener = listener;
        this.who = who;
        this.auditLog = auditLog;
    }

    @Override
    protected ScanReport compute() {
        ScanRequest withWhitelist = request;
        if (whitelistFile != null) {
            withWhitelist = request.withPolicy(request.policy().withWhitelist(Whitelist.read("whitelistFile", Path.of(whitelistFile))));
        }
        return new ScanRunner(AgentContext.of(listener, who, auditLog)).run(withWhitelist);
    }
}
