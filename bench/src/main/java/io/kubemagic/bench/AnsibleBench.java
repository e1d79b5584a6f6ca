package io.kubemagic.bench;

import io.kubemagic.engine.inventory.InventoryLinter;
import io.kubemagic.engine.inventory.InventoryLoader;
import io.kubemagic.engine.inventory.KubesprayGroups;
import io.kubemagic.engine.inventory.LintRules;
import io.kubemagic.engine.json.Json;
import io.kubemagic.engine.testkit.ansible.LoopbackSshd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Benchmark 4: {@code kubemagic ansible playbook} (JVM start, site layout, inventory lint, stats
 * callback, cleanup of the SSH masters) against plain {@code ansible-playbook} on the same playbook,
 * inventory, key and strict host key checking, over two loopback sshd servers; then the lint of a
 * 500-host Kubespray inventory, in-process and through the CLI. See bench/README.md.
 */
public final class AnsibleBench {
    private AnsibleBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = new BenchOptions(List.of(args), System.getenv());
        int rounds = options.integer("rounds", 3, 1, 50);
        int tasks = options.integer("tasks", 20, 1, 500);
        int hosts = options.integer("hosts", 4, 1, 100);
        int lintHosts = options.integer("lint-hosts", 500, 10, 100_000);
        Path jar = Path.of(options.string("jar", "kubemagic-cli/target/kubemagic.jar")).toAbsolutePath();
        Path resultsDir = Path.of(options.string("results-dir", "bench/results"));
        if (!options.unknown().isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + options.unknown());
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " is missing; build the CLI first");
        }
        Path work = Files.createTempDirectory("km-bench-ansible-");
        // A private copy: a rebuild of the CLI during the benchmark must not change the jar under a running JVM.
        jar = Files.copy(jar, work.resolve("kubemagic.jar"));
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("options", options.used());
        try (LoopbackSshd sshd = LoopbackSshd.start(work.resolve("sshd"))) {
            LoopbackSshd.Key key = sshd.generateKey("bench", null, true);
            Path site = writeSite(work.resolve("site"), sshd, tasks, hosts);
            Path knownHosts = work.resolve("known_hosts");
            Files.writeString(knownHosts, sshd.knownHosts());
            System.out.printf(Locale.ROOT, "[bench] playbook of %d tasks on %d hosts, %d rounds (alternating order)%n", tasks, hosts, rounds);
            List<Double> plain = new ArrayList<>();
            List<Double> ours = new ArrayList<>();
            run(plainCommand(site, key.file(), knownHosts, work), site.resolve("custom"), work); // warm-up: page cache, pyc
            for (int round = 1; round <= rounds; round++) {
                boolean oursFirst = round % 2 == 1;
                for (int i = 0; i < 2; i++) {
                    boolean isOurs = oursFirst == (i == 0);
                    double seconds = isOurs
                            ? run(List.of("java", "-jar", jar.toString(), "ansible", "playbook", "bench.yml", "--base-dir", site.toString(),
                            "--key", key.file().toString(), "--known-hosts", knownHosts.toString()), site, work)
                            : run(plainCommand(site, key.file(), knownHosts, work), site.resolve("custom"), work);
                    (isOurs ? ours : plain).add(seconds);
                    System.out.printf(Locale.ROOT, "  round %d  %-18s %7.2f s%n", round, isOurs ? "kubemagic" : "ansible-playbook", seconds);
                }
            }
            double plainMedian = median(plain);
            double oursMedian = median(ours);
            results.put("plainSeconds", plain);
            results.put("kubemagicSeconds", ours);
            results.put("overheadRatio", oursMedian / plainMedian);
            List<Double> paired = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                paired.add(ours.get(i) / plain.get(i));
            }
            results.put("pairedRatios", paired);
            System.out.printf(Locale.ROOT, "%n%-34s %10s %10s %8s%n", "", "ansible", "kubemagic", "ratio");
            System.out.printf(Locale.ROOT, "%-34s %9.2fs %9.2fs %8.3f   (goal <= 1.050)%n", "playbook wall time (median)",
                    plainMedian, oursMedian, oursMedian / plainMedian);
            System.out.printf(Locale.ROOT, "%-34s %10s %10s %8.3f   (same round, back to back: %s)%n", "paired ratio (median)", "", "",
                    median(paired), paired.stream().map(r -> String.format(Locale.ROOT, "%.3f", r)).toList());

            Path lintSite = writeLintSite(work.resolve("lint-site"), lintHosts);
            Path inventory = lintSite.resolve("kubespray/inventory/big/hosts.yml");
            InventoryLinter.lint(InventoryLoader.load(inventory), LintRules.kubespray(KubesprayGroups.CURRENT)); // class loading
            List<Double> inProcess = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                long start = System.nanoTime();
                InventoryLinter.lint(InventoryLoader.load(inventory), LintRules.kubespray(KubesprayGroups.CURRENT).withLimit("kube_node:!node7"));
                inProcess.add((System.nanoTime() - start) / 1e9);
            }
            List<Double> cli = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                cli.add(run(List.of("java", "-jar", jar.toString(), "ansible", "lint", "--base-dir", lintSite.toString(),
                        "--inventory", "big", "--checkout", "kubespray"), lintSite, work));
            }
            results.put("lintHosts", lintHosts);
            results.put("lintInProcessSeconds", inProcess);
            results.put("lintCliSeconds", cli);
            System.out.printf(Locale.ROOT, "%-34s %10s %9.3fs %8.3f   (goal <= 1.000 s)%n", "lint " + lintHosts + " hosts, in-process (median)",
                    "", median(inProcess), median(inProcess));
            System.out.printf(Locale.ROOT, "%-34s %10s %9.3fs %8.3f   (JVM start included; goal <= 1.000 s)%n",
                    "lint " + lintHosts + " hosts, CLI (median)", "", median(cli), median(cli));
        } finally {
            deleteTree(work);
        }
        Files.createDirectories(resultsDir);
        Path out = resultsDir.resolve("ansible-" + Instant.now().toString().replace(':', '-') + ".json");
        Files.writeString(out, Json.writePretty(results));
        System.out.println("[bench] results: " + out);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static List<String> plainCommand(Path site, Path key, Path knownHosts, Path work) {
        return List.of("ansible-playbook", "-i", site.resolve("custom/hosts").toString(), "--private-key", key.toString(),
                site.resolve("custom/bench.yml").toString());
    }

    /** Runs a command to the end; the wall time in seconds. Plain ansible gets the same SSH settings as ours. */
    private static double run(List<String> command, Path directory, Path work) throws IOException, InterruptedException {
        Path controlDirectory = Files.createTempDirectory(work, "cp-");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("last-run.log").toFile());
        builder.environment().put("ANSIBLE_SSH_ARGS", "-C -o ControlMaster=auto -o ControlPersist=60s -o StrictHostKeyChecking=yes "
                + "-o UserKnownHostsFile=" + work.resolve("known_hosts") + " -o GlobalKnownHostsFile=/dev/null -o IdentitiesOnly=yes");
        builder.environment().put("ANSIBLE_SSH_CONTROL_PATH_DIR", controlDirectory.toString());
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int code = process.exitValue();
        closeMasters(controlDirectory);
        if (code != 0 && !command.contains("lint")) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + code + ":\n"
                    + Files.readString(work.resolve("last-run.log")));
        }
        return seconds;
    }

    /** Plain ansible-playbook leaves its ControlPersist masters behind; end them (untimed) so rounds start equal. */
    private static void closeMasters(Path controlDirectory) throws IOException, InterruptedException {
        try (Stream<Path> sockets = Files.list(controlDirectory)) {
            for (Path socket : sockets.toList()) {
                new ProcessBuilder("ssh", "-o", "ControlPath=" + socket, "-O", "exit", "bench").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static Path writeSite(Path site, LoopbackSshd sshd, int tasks, int hosts) throws IOException {
        Files.createDirectories(site.resolve("custom"));
        StringBuilder inventory = new StringBuilder("[nodes]\n");
        for (int i = 1; i <= hosts; i++) {
            LoopbackSshd.Server server = sshd.server((i - 1) % sshd.servers().size());
            inventory.append("node").append(i).append(" ansible_host=").append(server.address()).append(" ansible_port=")
                    .append(server.port()).append('\n');
        }
        inventory.append("[all:vars]\nansible_python_interpreter=/usr/bin/python3\nansible_user=").append(sshd.user()).append('\n');
        Files.writeString(site.resolve("custom/hosts"), inventory.toString());
        StringBuilder playbook = new StringBuilder("- name: Bench\n  hosts: all\n  gather_facts: false\n  tasks:\n");
        for (int i = 1; i <= tasks; i++) {
            playbook.append("    - name: Task ").append(i).append("\n      ansible.builtin.command: \"true\"\n      changed_when: false\n");
        }
        Files.writeString(site.resolve("custom/bench.yml"), playbook.toString());
        return site;
    }

    private static Path writeLintSite(Path site, int hosts) throws IOException {
        Path inventory = site.resolve("kubespray/inventory/big");
        Files.createDirectories(inventory.resolve("group_vars/all"));
        Files.writeString(site.resolve("kubespray/cluster.yml"), "- hosts: kube_control_plane\n");
        StringBuilder yaml = new StringBuilder("all:\n  hosts:\n");
        for (int i = 1; i <= hosts; i++) {
            yaml.append("    node").append(i).append(":\n      ansible_host: 10.").append(i / 65536).append('.').append(i / 256 % 256)
                    .append('.').append(i % 256).append('\n');
            if (i <= 3) {
                yaml.append("      etcd_member_name: etcd").append(i).append('\n');
            }
        }
        yaml.append("  children:\n    etcd:\n      hosts:\n        node1:\n        node2:\n        node3:\n");
        yaml.append("    kube_control_plane:\n      hosts:\n        node1:\n        node2:\n        node3:\n    kube_node:\n      hosts:\n");
        for (int i = 4; i <= hosts; i++) {
            yaml.append("        node").append(i).append(":\n");
        }
        yaml.append("    k8s_cluster:\n      children:\n        kube_control_plane:\n        kube_node:\n");
        Files.writeString(inventory.resolve("hosts.yml"), yaml.toString(), StandardCharsets.UTF_8);
        Files.writeString(inventory.resolve("group_vars/all/all.yml"), "etcd_quota_backend_bytes: 8589934592\nbin_dir: /usr/local/bin\n");
        return site;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
