package io.kubemagic.engine.playbooks;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.ansible.AnsibleOptions;
import io.kubemagic.engine.site.SiteLayout.Checkout;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One named operation as a step or command asks for it: which site file (relative to the base
 * directory, the workspace), which inventory name, the ansible options, and the operation's own
 * parameters. Resolved against the files on the machine that runs it (the Jenkins agent).
 */
public final class OperationRequest implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final int DEFAULT_ETCD_RETRIES = 300;

    private final Operation operation;
    private final String baseDirectory;
    private final String siteFile;
    private final String inventoryName;
    private final AnsibleOptions options;
    private final List<String> nodes;
    private final int etcdRetries;
    private final boolean resetNodes;
    private final String confirm;
    private final boolean containerized;
    private final String playbook;
    private final boolean prerequisites;
    private final Checkout inventoryFrom;

    private OperationRequest(Builder b) {
        this.operation = b.operation;
        this.baseDirectory = b.baseDirectory;
        this.siteFile = b.siteFile;
        this.inventoryName = b.inventoryName;
        this.options = b.options;
        this.nodes = List.copyOf(b.nodes);
        this.etcdRetries = b.etcdRetries;
        this.resetNodes = b.resetNodes;
        this.confirm = b.confirm;
        this.containerized = b.containerized;
        this.playbook = b.playbook;
        this.prerequisites = b.prerequisites;
        this.inventoryFrom = b.inventoryFrom;
    }

    public static Builder builder(Operation operation, String baseDirectory) {
        return new Builder(operation, baseDirectory);
    }

    public Operation operation() { return operation; }
    public String baseDirectory() { return baseDirectory; }
    public String siteFile() { return siteFile; }
    public String inventoryName() { return inventoryName; }
    public AnsibleOptions options() { return options; }
    /** scale: the new nodes; remove-node: the nodes to remove. */
    public List<String> nodes() { return nodes; }
    public int etcdRetries() { return etcdRetries; }
    public boolean resetNodes() { return resetNodes; }
    public String confirm() { return confirm; }
    public boolean containerized() { return containerized; }
    public String playbook() { return playbook; }
    public boolean prerequisites() { return prerequisites; }
    public Checkout inventoryFrom() { return inventoryFrom; }

    public static final class Builder {
        private final Operation operation;
        private final String baseDirectory;
        private String siteFile;
        private String inventoryName;
        private AnsibleOptions options = AnsibleOptions.builder().build();
        private final List<String> nodes = new ArrayList<>();
        private int etcdRetries = DEFAULT_ETCD_RETRIES;
        private boolean resetNodes = true;
        private String confirm;
        private boolean containerized;
        private String playbook;
        private boolean prerequisites = true;
        private Checkout inventoryFrom = Checkout.CUSTOM;

        private Builder(Operation operation, String baseDirectory) {
            this.operation = Objects.requireNonNull(operation, "operation");
            this.baseDirectory = Objects.requireNonNull(baseDirectory, "baseDirectory");
        }

        public Builder siteFile(String file) { this.siteFile = blankToNull(file); return this; }
        public Builder inventoryName(String name) { this.inventoryName = blankToNull(name); return this; }
        public Builder options(AnsibleOptions options) { this.options = Objects.requireNonNull(options, "options"); return this; }

        /** Comma- or space-separated host names. */
        public Builder nodes(String list) {
            nodes.clear();
            if (list != null) {
                for (String node : list.split("[,\\s]+")) {
                    if (!node.isBlank()) {
                        if (!node.matches("[A-Za-z0-9][A-Za-z0-9._:-]*")) {
                            throw new InvalidInputException("nodes", "\"" + node + "\" is not a host name of an inventory");
                        }
                        nodes.add(node.trim());
                    }
                }
            }
            return this;
        }

        public Builder etcdRetries(int retries) {
            if (retries < 1 || retries > 10_000) {
                throw new InvalidInputException("etcdRetries", retries + " is out of range; use 1 to 10000 (the notes use 300)");
            }
            this.etcdRetries = retries;
            return this;
        }

        public Builder resetNodes(boolean reset) { this.resetNodes = reset; return this; }
        public Builder confirm(String text) { this.confirm = blankToNull(text); return this; }
        public Builder containerized(boolean containerized) { this.containerized = containerized; return this; }
        public Builder playbook(String playbook) { this.playbook = blankToNull(playbook); return this; }
        public Builder prerequisites(boolean run) { this.prerequisites = run; return this; }
        public Builder inventoryFrom(Checkout checkout) { this.inventoryFrom = Objects.requireNonNull(checkout); return this; }

        public OperationRequest build() {
            return new OperationRequest(this);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }
    }
}
