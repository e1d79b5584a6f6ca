package io.kubemagic.cli;

import io.kubemagic.engine.InvalidInputException;
import io.kubemagic.engine.ansible.AnsibleOptions;
import io.kubemagic.engine.console.SecretMasker;
import io.kubemagic.engine.inventory.SafeYaml;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What every {@code kubemagic ansible} run takes: the site and inventory, SSH access, become and the
 * vault password ({@link AnsibleAccessCliOptions}, shared with {@code kubemagic kubespray upgrade}),
 * and the ansible-playbook options. Secret variables only come from --secret-extra-vars-file.
 */
public final class AnsibleCliOptions {
    @Option(names = "--site", paramLabel = "FILE",
            description = "Site layout (where kubespray, ceph-ansible, openshift-ansible, custom and their inventories are); "
                    + "default: kubemagic-site.yml in --base-dir if present, else the Kube Magic layout.")
    String site;

    @Option(names = "--base-dir", paramLabel = "DIR", description = "Directory the site's paths are relative to (default: current directory).")
    Path baseDirectory;

    @Mixin
    AnsibleAccessCliOptions access;

    @Option(names = {"-i", "--inventory"}, paramLabel = "NAME",
            description = "Inventory name: the {inventory} of the site layout (kubespray/inventory/NAME/hosts.yml).")
    String inventory;

    @Option(names = {"-l", "--limit"}, paramLabel = "PATTERN", description = "Limit to hosts or groups, as ansible-playbook --limit.")
    String limit;

    @Option(names = {"-t", "--tags"}, paramLabel = "TAGS", description = "Only tasks with these tags.")
    String tags;

    @Option(names = "--skip-tags", paramLabel = "TAGS", description = "Skip tasks with these tags.")
    String skipTags;

    @Option(names = {"-e", "--extra-var"}, paramLabel = "NAME=VALUE",
            description = "An extra variable (repeatable); values are YAML (-e etcd_retries=300). Never for secrets.")
    List<String> extraVar;

    @Option(names = "--extra-vars-file", paramLabel = "FILE", description = "Extra variables from a YAML or JSON file.")
    Path extraVarsFile;

    @Option(names = "--secret-extra-vars-file", paramLabel = "FILE",
            description = "Secret extra variables (YAML/JSON): masked in every output and record, passed in a 0600 file.")
    Path secretExtraVarsFile;

    @Option(names = {"-f", "--forks"}, paramLabel = "N", defaultValue = "0", description = "Parallel hosts (default: ansible's).")
    int forks;

    @Option(names = {"-C", "--check"}, description = "Check mode: report what would change, change nothing.")
    boolean check;

    @Option(names = {"-D", "--diff"}, description = "Show the differences in changed files.")
    boolean diff;

    @Option(names = "-v", description = "More ansible output (-v to -vvvv).")
    boolean[] verbose = new boolean[0];

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2h", description = "Time limit of the whole run (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--color", negatable = true, description = "Coloured ansible output (default: when stdout is a terminal).")
    Boolean color;

    @Option(names = "--ansible-playbook", paramLabel = "PATH", defaultValue = "ansible-playbook",
            description = "The ansible-playbook to run (default: from the PATH).")
    String ansiblePlaybook;

    @Option(names = "--ignore-lint-errors", description = "Run even when the inventory lint finds errors.")
    boolean ignoreLintErrors;

    Path base() {
        return baseDirectory == null ? Path.of("").toAbsolutePath() : baseDirectory.toAbsolutePath();
    }

    /** The options, with every secret registered in {@code masker} as soon as it is read. */
    AnsibleOptions options(KubeMagicCommand root, SecretMasker masker) {
        AnsibleOptions.Builder builder = AnsibleOptions.builder()
                .limit(limit).tags(tags).skipTags(skipTags)
                .forks(forks).check(check).diff(diff)
                .verbosity(verbose.length)
                .timeout(Durations.parse("--timeout", timeout))
                .color(color != null ? color : System.console() != null && !"dumb".equals(root.env("TERM")))
                .ansiblePlaybook(ansiblePlaybook)
                .failOnLintErrors(!ignoreLintErrors);
        if (extraVarsFile != null) {
            builder.extraVars(mapping("--extra-vars-file", CliFiles.read("--extra-vars-file", extraVarsFile)));
        }
        if (extraVar != null) {
            for (String pair : extraVar) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new InvalidInputException("--extra-var", "\"" + pair + "\" is not NAME=VALUE");
                }
                Object value = SafeYaml.parse("--extra-var", pair.substring(eq + 1));
                builder.extraVar(pair.substring(0, eq).trim(), value == null ? "" : value);
            }
        }
        if (secretExtraVarsFile != null) {
            String text = CliFiles.read("--secret-extra-vars-file", secretExtraVarsFile);
            masker.add(text);
            builder.secretExtraVars(mapping("--secret-extra-vars-file", text));
        }
        access.apply(builder, root, masker);
        return builder.build();
    }

    private static Map<String, Object> mapping(String field, String text) {
        return SafeYaml.mapping(field, text);
    }
}
