package io.kubemagic.engine.kubespray;

import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.json.Json;
import io.kubemagic.engine.kubespray.HopExecutor.HopResult;
import io.kubemagic.engine.kubespray.ReviewItem.Kind;
import io.kubemagic.engine.testkit.RecordingConsole;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The inventory review per hop, and the runner's state machine (worktrees, progress file, resume) with a fake playbook. */
class KubesprayReviewAndRunnerTest {
    static List<ReleaseFacts> facts;
    @TempDir
    static Path repo;

    @BeforeAll
    static void kubesprayV2_12ToV2_16() {
        facts = ReleaseFacts.load().stream().filter(f -> f.version().isBefore(new Version(2, 17, 0))).toList();
        SyntheticKubespray.of(repo, facts);
    }

    static Path oldInventory(Path dir) throws Exception {
        Path inventory = dir.resolve("mycluster");
        Files.createDirectories(inventory.resolve("group_vars/k8s-cluster"));
        Files.writeString(inventory.resolve("hosts.ini"), "[kube-master]\nmaster1\n\n[kube-node]\ncompute1\n");
        Files.writeString(inventory.resolve("group_vars/k8s-cluster/k8s-cluster.yml"),
                "kube_version: v1.18.3\nkube_api_anonymous_auth: true\nkube_proxy_mode: iptables\n# kube_proxy_strict_arp: true\n");
        return inventory;
    }

    OperationContext context(RecordingConsole console) {
        return new OperationContext("tester", console, null);
    }

    @Test
    void theReviewNamesNewRemovedChangedVariablesAndRenamedGroupsAgainstYourInventory(@TempDir Path dir) throws Exception {
        Path inventory = oldInventory(dir);
        UpgradeRequest request = UpgradeRequest.builder(repo.toString(), dir.resolve("state").toString())
                .inventory(inventory.toString()).kubesprayRef("v2.14.0").currentKubeVersion("v1.18.3").targetTag("v2.16.0").build();
        RecordingConsole console = new RecordingConsole();
        UpgradePlan plan = new KubesprayUpgrade(context(console)).plan(request);

        assertThat(plan.hops()).extracting(Hop::tag).containsExactly("v2.14.2", "v2.15.1", "v2.16.0");
        assertThat(plan.reviews()).extracting(HopReview::toTag).containsExactly("v2.14.2", "v2.15.1", "v2.16.0");
        List<ReviewItem> to215 = plan.reviews().get(1).items();
        assertThat(to215).anySatisfy(i -> {
            assertThat(i.kind()).isEqualTo(Kind.REMOVED_VARIABLE);
            assertThat(i.actionNeeded()).isTrue();
            assertThat(i.message()).startsWith("your variable kube_api_anonymous_auth no longer exists in v2.15.1");
        }).anySatisfy(i -> {
            assertThat(i.kind()).isEqualTo(Kind.NEW_VARIABLE);
            assertThat(i.message()).startsWith("new variable kube_proxy_strict_arp (default false").contains("commented out");
        }).anySatisfy(i -> assertThat(i.message()).contains("default of kube_proxy_mode changed from iptables to ipvs",
                "your inventory sets iptables"));
        List<ReviewItem> to216 = plan.reviews().get(2).items();
        assertThat(to216).filteredOn(i -> i.kind() == Kind.RENAMED_GROUP).extracting(ReviewItem::message).containsExactlyInAnyOrder(
                "renamed group k8s-cluster -> k8s_cluster: your inventory still uses k8s-cluster; rename the group in your hosts file and group_vars/",
                "renamed group kube-master -> kube_control_plane: your inventory still uses kube-master; rename the group in your hosts file and group_vars/");
        assertThat(Files.readString(dir.resolve("state/plan.txt"))).contains("Inventory review v2.15.1 -> v2.16.0",
                "! renamed group kube-master -> kube_control_plane");
        assertThat(Json.mapper().readTree(Files.readString(dir.resolve("state/plan.json"))).get("hops")).hasSize(3);
        assertThat(console.text()).contains("v2.14.2", "v2.15.1");
    }

    @Test
    void aFailedHopIsRecordedAndARerunResumesThere(@TempDir Path dir) throws Exception {
        Path inventory = oldInventory(dir);
        Path state = dir.resolve("state");
        UpgradeRequest request = UpgradeRequest.builder(repo.toString(), state.toString()).inventory(inventory.toString())
                .kubesprayRef("v2.14.0").currentKubeVersion("v1.18.3").targetKubeVersion("v1.19.9").build();
        List<String> runs = new ArrayList<>();
        AtomicBoolean failSecond = new AtomicBoolean(true);
        HopExecutor fake = (run, context) -> {
            runs.add(run.hop().tag() + "=" + run.extraVars().get("kube_version"));
            assertThat(run.playbook()).isRegularFile().startsWith(run.worktree());
            assertThat(run.worktree().resolve("README.md")).content().contains("Kubespray " + run.hop().tag());
            if (run.hop().tag().equals("v2.15.1") && failSecond.getAndSet(false)) {
                return HopResult.failure(2, List.of("compute3"), "drain of compute3 timed out");
            }
            return HopResult.success();
        };
        RecordingConsole console = new RecordingConsole();
        UpgradeReport first = new KubesprayUpgrade(context(console)).run(request, fake);

        assertThat(first.completed()).isFalse();
        assertThat(runs).containsExactly("v2.14.2=v1.18.10", "v2.15.1=v1.19.9");
        assertThat(first.failure()).contains("hop 2 (v2.15.1, Kubernetes v1.19.9) failed", "drain of compute3 timed out");
        assertThat(first.resumeHint()).contains("resumes at hop 2 (v2.15.1)", "compute3");
        ProgressState saved = ProgressState.load(state);
        assertThat(saved.lastFailedNode).isEqualTo("compute3");
        assertThat(saved.currentHop).isEqualTo("v2.15.1");
        assertThat(saved.doneTags()).containsExactly("v2.14.2 (v1.18.10)");
        assertThat(Files.readString(state.resolve("progress.json"))).contains("\"FAILED\"", "\"DONE\"");
        assertThat(state.resolve("worktrees/v2.14.2/upgrade-cluster.yml")).isRegularFile();

        runs.clear();
        UpgradeReport second = new KubesprayUpgrade(context(new RecordingConsole())).run(request, fake);
        assertThat(second.completed()).isTrue();
        assertThat(runs).containsExactly("v2.15.1=v1.19.9");
        assertThat(second.plan().completedHops()).containsExactly("v2.14.2 (v1.18.10)");
        assertThat(second.plan().position().tag()).isEqualTo("v2.14.2");
        assertThat(second.plan().currentKubeVersionSource()).contains("progress file");
        ProgressState done = ProgressState.load(state);
        assertThat(done.doneTags()).containsExactly("v2.14.2 (v1.18.10)", "v2.15.1 (v1.19.9)");
        assertThat(done.currentHop).isNull();
        assertThat(done.lastFailedNode).isNull();

        runs.clear();
        UpgradeReport third = new KubesprayUpgrade(context(new RecordingConsole())).run(request, fake);
        assertThat(third.completed()).isTrue();
        assertThat(third.plan().hops()).isEmpty();
        assertThat(runs).isEmpty();
    }

    @Test
    void maxHopsRunsOneHopPerApproval(@TempDir Path dir) throws Exception {
        Path inventory = oldInventory(dir);
        UpgradeRequest request = UpgradeRequest.builder(repo.toString(), dir.resolve("state").toString()).inventory(inventory.toString())
                .kubesprayRef("v2.14.0").currentKubeVersion("v1.18.3").targetTag("v2.16.0").maxHops(1).build();
        List<String> runs = new ArrayList<>();
        HopExecutor fake = (run, context) -> {
            runs.add(run.hop().tag());
            return HopResult.success();
        };
        UpgradeReport first = new KubesprayUpgrade(context(new RecordingConsole())).run(request, fake);
        assertThat(first.completed()).isFalse();
        assertThat(first.failure()).isNull();
        assertThat(first.remainingHops()).isEqualTo(2);
        new KubesprayUpgrade(context(new RecordingConsole())).run(request, fake);
        UpgradeReport last = new KubesprayUpgrade(context(new RecordingConsole())).run(request, fake);
        assertThat(last.completed()).isTrue();
        assertThat(runs).containsExactly("v2.14.2", "v2.15.1", "v2.16.0");
    }

    @Test
    void thePlaybookExecutorRunsAnsiblePlaybookInTheWorktreeAndReadsTheFailedNode(@TempDir Path dir) throws Exception {
        Path inventory = oldInventory(dir);
        Path fakeAnsible = dir.resolve("ansible-playbook");
        Files.writeString(fakeAnsible, """
                #!/bin/sh
                echo "ran in $(pwd) with: $*"
                cat "${5#@}"; echo
                if [ -f "$(dirname "$0")/fail-once" ]; then
                  rm "$(dirname "$0")/fail-once"
                  echo 'fatal: [compute3]: FAILED! => {"msg": "drain timed out"}'
                  echo 'compute3 : ok=12 changed=3 unreachable=0 failed=1 skipped=4 rescued=0 ignored=0'
                  exit 2
                fi
                echo 'compute3 : ok=40 changed=9 unreachable=0 failed=0 skipped=4 rescued=0 ignored=0'
                """);
        Files.setPosixFilePermissions(fakeAnsible, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(dir.resolve("fail-once"), "");
        Path state = dir.resolve("state");
        UpgradeRequest request = UpgradeRequest.builder(repo.toString(), state.toString()).inventory(inventory.toString())
                .kubesprayRef("v2.15.0").currentKubeVersion("v1.19.7").targetTag("v2.15.1").drainTimeoutSeconds(90).build();
        HopExecutor ansible = new PlaybookProcessHopExecutor(fakeAnsible.toString(), List.of());

        UpgradeReport failed = new KubesprayUpgrade(context(new RecordingConsole())).run(request, ansible);
        assertThat(failed.completed()).isFalse();
        assertThat(failed.hops()).singleElement().satisfies(h -> assertThat(h.failedNodes()).containsExactly("compute3"));
        String log = Files.readString(Path.of(failed.hops().get(0).logFile()));
        assertThat(log).contains("ran in " + state.resolve("worktrees/v2.15.1").toRealPath(), "\"kube_version\":\"v1.19.9\"",
                "\"drain_timeout\":\"90s\"", "fatal: [compute3]");

        UpgradeReport resumed = new KubesprayUpgrade(context(new RecordingConsole())).run(request, ansible);
        assertThat(resumed.completed()).isTrue();
        assertThat(ProgressState.load(state).doneTags()).containsExactly("v2.15.1 (v1.19.9)");
    }
}
