package io.kubemagic.engine.kube;

import java.io.Serializable;
import java.util.List;

/** Every finding of a pre-flight run, and the nodes as the API showed them. */
public record PreflightReport(String server, String serverVersion, List<NodeInfo> nodes, List<Finding> findings)
        implements Serializable {

    public record NodeInfo(String name, boolean ready, String kubeletVersion, boolean cordoned, List<String> pressure)
            implements Serializable {
    }

    public List<Finding> blocking() {
        return findings.stream().filter(f -> f.severity() == Finding.Severity.BLOCKING).toList();
    }

    public List<Finding> warnings() {
        return findings.stream().filter(f -> f.severity() == Finding.Severity.WARNING).toList();
    }
}
