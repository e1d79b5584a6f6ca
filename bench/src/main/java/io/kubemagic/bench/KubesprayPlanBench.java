package io.kubemagic.bench;

import io.kubemagic.engine.kubespray.Position;
import io.kubemagic.engine.kubespray.ReleaseCatalog;
import io.kubemagic.engine.kubespray.ReleaseFacts;
import io.kubemagic.engine.kubespray.SyntheticKubespray;
import io.kubemagic.engine.kubespray.UpgradePlan;
import io.kubemagic.engine.kubespray.UpgradePlanner;
import io.kubemagic.engine.kubespray.Version;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Benchmark 3: the cost of a Kubespray upgrade plan as the checkout's release tags grow. For 10, 50
 * and 150 tags (synthetic repositories, one commit per tag, each era's file layout), it times what
 * {@code kubemagic kubespray plan} does before asking the cluster anything: open the checkout, read
 * every tag's facts with JGit, resolve the commit in use, plan from the oldest tag to the newest.
 * It prints the median of several rounds, the cost per tag and the ratios of the costs per tag.
 * Goal: 150 tags under 2 s.
 */
public final class KubesprayPlanBench {
    static final long GOAL_MILLIS = 2000;

    private KubesprayPlanBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(option(args, "--rounds", "5"));
        int[] sizes = Arrays.stream(option(args, "--tags", "10,50,150").split(",")).mapToInt(Integer::parseInt).toArray();
        ReleaseFacts template = ReleaseFacts.of(ReleaseFacts.load(), "v2.24.3");
        Path work = Files.createTempDirectory("kubespray-plan-bench");
        List<double[]> results = new ArrayList<>();
        try {
            for (int tags : sizes) {
                Path repo = SyntheticKubespray.of(work.resolve("tags-" + tags), releases(template, tags));
                plan(repo);
                long[] millis = new long[rounds];
                int hops = 0;
                for (int round = 0; round < rounds; round++) {
                    long start = System.nanoTime();
                    hops = plan(repo).hops().size();
                    millis[round] = (System.nanoTime() - start) / 1_000_000;
                }
                Arrays.sort(millis);
                double median = millis[rounds / 2];
                results.add(new double[]{tags, median, median / tags, hops});
                System.out.printf(Locale.ROOT, "[bench] %3d tags: median %5.0f ms over %d rounds (%d hops planned), %.2f ms per tag%n",
                        tags, median, rounds, hops, median / tags);
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(KubesprayPlanBench::delete);
            }
        }
        double[] base = results.get(0);
        System.out.println();
        System.out.println("tags  median ms  ms/tag  ms/tag ratio to " + (int) base[0] + " tags");
        for (double[] r : results) {
            System.out.printf(Locale.ROOT, "%4d  %9.0f  %6.2f  %5.2fx%n", (int) r[0], r[1], r[2], r[2] / base[2]);
        }
        double[] largest = results.get(results.size() - 1);
        boolean pass = largest[0] < 150 || largest[1] < GOAL_MILLIS;
        System.out.printf(Locale.ROOT, "%ngoal: %d tags planned in under %d ms: %s (%.0f ms)%n", (int) largest[0], GOAL_MILLIS,
                pass ? "PASS" : "FAIL", largest[1]);
        if (!pass) {
            System.exit(1);
        }
    }

    static UpgradePlan plan(Path repo) {
        try (ReleaseCatalog catalog = ReleaseCatalog.open(repo)) {
            String first = catalog.releases().get(0).tag();
            Position position = catalog.position(first);
            Version kube = catalog.releases().get(0).defaultKubeVersion();
            return new UpgradePlanner(catalog).plan(position, kube, "bench", null, null);
        }
    }

    /** {@code count} releases v2.12.0, v2.12.1, ... (five patches per minor line), each installing three Kubernetes minors. */
    static List<ReleaseFacts> releases(ReleaseFacts template, int count) {
        List<ReleaseFacts> releases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int line = 12 + i / 5;
            int patch = i % 5;
            int kubeMinor = line + 4;
            List<String> installable = new ArrayList<>();
            for (int minor = kubeMinor - 2; minor <= kubeMinor; minor++) {
                for (int p = 0; p <= 10 + patch; p++) {
                    installable.add("v1." + minor + "." + p);
                }
            }
            String kube = "v1." + kubeMinor + "." + (10 + patch);
            releases.add(new ReleaseFacts("v2." + line + "." + patch, template.commitDate(), kube, template.kubeVersionDefinedIn(), kube,
                    "v1." + (kubeMinor - 2) + ".0", template.minRequiredDefinedIn(), template.checksumsIn(), false, installable,
                    template.groupVarsDir(), template.controlPlaneGroup(), template.iniSections(), template.groupVarsFiles(),
                    template.playbooksDir()));
        }
        return releases;
    }

    private static String option(String[] args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith(name + "=")) {
                return arg.substring(name.length() + 1);
            }
        }
        return fallback;
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException ignored) {
            // A temporary folder; the OS cleans it up.
        }
    }
}
