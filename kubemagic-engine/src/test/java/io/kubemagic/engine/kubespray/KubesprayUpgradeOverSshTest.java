package io.kubemagic.engine.kubespray;

import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.ansible.AnsibleOptions;
import io.kubemagic.engine.ansible.SshAccess;
import io.kubemagic.engine.console.SecretValue;
import io.kubemagic.engine.json.Json;
import io.kubemagic.engine.testkit.LeftoverFiles;
import io.kubemagic.engine.testkit.RecordingConsole;
import io.kubemagic.engine.testkit.ansible.LoopbackSshd;
import io.kubemagic.engine.testkit.ansible.Processes;
import io.kubemagic.engine.testkit.ansible.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The upgrade runner over real SSH: the real ansible-playbook (through the playbook steps' AnsibleRunner)
 * runs the fake {@code upgrade-cluster.yml} of each synthetic Kubespray tag against two nodes on the
 * loopback sshd servers of 127.0.0.1 and 127.0.0.2, logging in with a generated key given as the SSH
 * credential (the agent's own keys are not authorized there) and host keys checked against known_hosts.
 */
class KubesprayUpgradeOverSshTest {

    /** The local test's playbook (node2 fails hop 2's drain), plus: each node writes, over SSH, the tag, kube_version and connection. */
    static final String FAKE_UPGRADE = KubesprayRealAnsibleTest.FAKE_UPGRADE.replace("compute3", "node2") + """
                - name: record where {{ inventory_hostname }} ran
                  ansible.builtin.shell: >-
                    echo "$SSH_CONNECTION" > {{ marker_dir }}/{{ inventory_hostname }}-TAG-{{ kube_version }}
            """;

    @Test
    void twoHopsOverSshWithTheKeyCredentialStopOnTheFailedNodeAndResumeAtHopTwo(@TempDir Path dir) throws Exception {
        assumeTrue(LoopbackSshd.available(), "needs openssh-server and ansible-core (scripts/install-test-packages.sh)");
        Path repo = KubesprayRealAnsibleTest.repository(dir.resolve("kubespray"), FAKE_UPGRADE);
        try (LoopbackSshd sshd = LoopbackSshd.start(dir.resolve("sshd"))) {
            LoopbackSshd.Key key = sshd.generateKey("upgrade", null, true);
            String keyLine = key.privateKey().lines().skip(2).findFirst().orElseThrow();
            Path markers = Files.createDirectories(dir.resolve("markers"));
            Path flag = TestFiles.write(dir, "fail-once", "");
            Path inventory = TestFiles.write(dir, "mycluster/hosts.ini", """
                    [kube-master]
                    node1 ansible_host=127.0.0.1 ansible_port=%d

                    [etcd]
                    node1

                    [kube-node]
                    node2 ansible_host=127.0.0.2 ansible_port=%d

                    [k8s-cluster:children]
                    kube-master
                    kube-node

                    [all:vars]
                    ansible_python_interpreter=/usr/bin/python3
                    marker_dir=%s
                    fail_flag=%s
                    """.formatted(sshd.server(0).port(), sshd.server(1).port(), markers, flag));
            Path state = dir.resolve("state");
            Path audit = dir.resolve("audit.jsonl");
            AnsibleOptions ansible = AnsibleOptions.builder()
                    .ssh(SshAccess.of(sshd.user(), SecretValue.of(key.privateKey()), null, sshd.knownHosts(), true)).build();
            UpgradeRequest request = UpgradeRequest.builder(repo.toString(), state.toString()).inventory(inventory.toString())
                    .kubesprayRef("v2.14.0").currentKubeVersion("v1.18.8").targetKubeVersion("v1.19.9").ansible(ansible).build();
            Instant since = Instant.now();

            RecordingConsole console = new RecordingConsole();
            UpgradeReport first = new KubesprayUpgrade(new OperationContext("tester", console, audit))
                    .run(request, new AnsibleRunnerHopExecutor(request.ansible()));

            assertThat(first.completed()).as(console.text()).isFalse();
            assertThat(first.hops()).extracting(h -> h.tag() + "=" + h.state()).containsExactly("v2.14.2=DONE", "v2.15.1=FAILED");
            assertThat(first.failure()).startsWith("hop 2");
            String hop1Version = first.hops().get(0).kubeVersion();
            assertThat(hop1Version).startsWith("v1.18.");
            // Hop 1 ran on both nodes, each reached over SSH on its own loopback address, with the hop's kube_version.
            assertThat(Files.readString(markers.resolve("node1-v2.14.2-" + hop1Version))).contains(" 127.0.0.1 " + sshd.server(0).port());
            assertThat(Files.readString(markers.resolve("node2-v2.14.2-" + hop1Version))).contains(" 127.0.0.2 " + sshd.server(1).port());
            assertThat(first.hops().get(1).failedNodes()).containsExactly("node2");
            ProgressState progress = ProgressState.load(state);
            assertThat(progress.lastFailedNode).isEqualTo("node2");
            assertThat(progress.hops).extracting(h -> h.tag() + "=" + h.state()).containsExactly("v2.14.2=DONE", "v2.15.1=FAILED");
            assertThat(progress.hops.get(1).failedNodes()).containsExactly("node2");
            String hop2Log = Files.readString(Path.of(first.hops().get(1).logFile()));
            assertThat(hop2Log).contains("--private-key", "a PodDisruptionBudget allows 0 disruptions");
            assertThat(Files.readString(Path.of(first.hops().get(0).logFile()))).contains("kubespray v2.14.2 upgrading to " + hop1Version);
            List<String> runDirectories = new ArrayList<>(runDirectories(console.text()));

            Files.delete(flag);
            try (Stream<Path> old = Files.list(markers)) {
                for (Path marker : old.toList()) {
                    Files.delete(marker);
                }
            }
            RecordingConsole again = new RecordingConsole();
            UpgradeReport second = new KubesprayUpgrade(new OperationContext("tester", again, audit))
                    .run(request, new AnsibleRunnerHopExecutor(request.ansible()));

            assertThat(second.completed()).as(again.text()).isTrue();
            assertThat(second.hops()).extracting(h -> h.tag() + "=" + h.state()).containsExactly("v2.15.1=DONE");
            try (Stream<Path> written = Files.list(markers)) {
                assertThat(written.map(p -> p.getFileName().toString()))
                        .as("only hop 2 ran again").containsExactlyInAnyOrder("node1-v2.15.1-v1.19.9", "node2-v2.15.1-v1.19.9");
            }
            assertThat(ProgressState.load(state).lastFailedNode).isNull();
            runDirectories.addAll(runDirectories(again.text()));

            // The key appears in no output, report, audit record, state file or file left behind; no process outlives a run.
            String auditText = Files.readString(audit);
            assertThat(auditText).contains("\"operation\":\"kubespray.upgrade\"", "\"privateKey\":\"credential\"", "\"hostKeys\":\"KNOWN_HOSTS\"");
            for (String text : List.of(console.text(), again.text(), auditText, Json.write(first), Json.write(second))) {
                assertThat(text).doesNotContain(keyLine);
            }
            assertThat(LeftoverFiles.containing(state, keyLine, Instant.EPOCH)).isEmpty();
            for (Path root : List.of(Path.of(System.getProperty("java.io.tmpdir")), Path.of(System.getProperty("user.home"), ".ansible"))) {
                if (Files.isDirectory(root)) {
                    assertThat(LeftoverFiles.containing(root, keyLine, since)).as("files under " + root + " with the key").isEmpty();
                }
            }
            assertThat(runDirectories).as("one per hop run").hasSize(3);
            for (String runDirectory : runDirectories) {
                assertThat(Path.of(runDirectory)).doesNotExist();
                assertThat(Processes.runningWith(runDirectory)).as("SSH masters of " + runDirectory).isEmpty();
            }
        }
        assertThat(Processes.runningWith(dir.toString())).as("sshd and ansible processes of the test").isEmpty();
    }

    /** The private run directories (km-ans-...) the hops' ansible-playbook commands named. */
    private static List<String> runDirectories(String console) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile("--private-key (/\\S+/km-ans-[^/\\s]+)/").matcher(console);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
