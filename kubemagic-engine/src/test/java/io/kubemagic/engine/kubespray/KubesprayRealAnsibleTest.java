package io.kubemagic.engine.kubespray;

import io.kubemagic.engine.OperationContext;
import io.kubemagic.engine.testkit.RecordingConsole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The runner with the real ansible-playbook through the playbook steps' AnsibleRunner: fake
 * upgrade playbooks (one per tag) run against local-connection hosts; the first run of the second hop
 * fails on compute3 as a drain would, the re-run resumes there.
 */
class KubesprayRealAnsibleTest {

    static final String FAKE_UPGRADE = """
            ---
            - hosts: all
              gather_facts: false
              tasks:
                - name: upgrade {{ inventory_hostname }} to {{ kube_version }}
                  ansible.builtin.debug:
                    msg: "kubespray TAG upgrading to {{ kube_version }} (drain_timeout {{ drain_timeout }})"
                - name: drain
                  ansible.builtin.fail:
                    msg: "drain of {{ inventory_hostname }} timed out: a PodDisruptionBudget allows 0 disruptions"
                  when: inventory_hostname == 'compute3' and 'TAG' == 'v2.15.1' and (fail_flag is exists)
            """;

    /** v2.14.0, v2.14.2 and v2.15.1 with {@code playbook} (TAG replaced by the tag) as upgrade-cluster.yml. */
    static Path repository(Path repo, String playbook) {
        List<ReleaseFacts> facts = ReleaseFacts.load();
        try (SyntheticKubespray git = SyntheticKubespray.init(repo)) {
            for (String tag : List.of("v2.14.0", "v2.14.2", "v2.15.1")) {
                Map<String, String> files = SyntheticKubespray.files(ReleaseFacts.of(facts, tag));
                files.put("upgrade-cluster.yml", playbook.replace("TAG", tag));
                git.tag(tag, git.commit(files, "Release " + tag));
            }
        }
        return repo;
    }

    @Test
    void aHopThatFailsOnANodeIsResumedWithTheRealAnsiblePlaybook(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ansible-playbook")), "ansible-playbook is not installed");
        Path repo = repository(dir.resolve("kubespray"), FAKE_UPGRADE);
        Path flag = dir.resolve("fail-once");
        Files.writeString(flag, "");
        Path inventory = dir.resolve("mycluster");
        Files.createDirectories(inventory);
        Files.writeString(inventory.resolve("hosts.ini"), """
                [kube-master]
                compute1 ansible_connection=local

                [etcd]
                compute1

                [kube-node]
                compute3 ansible_connection=local

                [k8s-cluster:children]
                kube-master
                kube-node

                [all:vars]
                ansible_python_interpreter=/usr/bin/python3
                fail_flag=%s
                """.formatted(flag));
        Path state = dir.resolve("state");
        UpgradeRequest request = UpgradeRequest.builder(repo.toString(), state.toString()).inventory(inventory.resolve("hosts.ini").toString())
                .kubesprayRef("v2.14.0").currentKubeVersion("v1.18.8").targetKubeVersion("v1.19.9").build();
        HopExecutor ansible = new AnsibleRunnerHopExecutor(request.ansible());

        RecordingConsole console = new RecordingConsole();
        UpgradeReport first = new KubesprayUpgrade(new OperationContext("tester", console, null)).run(request, ansible);
        assertThat(first.completed()).as(console.text()).isFalse();
        assertThat(first.failure()).as(console.text()).startsWith("hop 2");
        assertThat(first.hops()).extracting(h -> h.tag() + "=" + h.state()).containsExactly("v2.14.2=DONE", "v2.15.1=FAILED");
        assertThat(first.hops().get(1).failedNodes()).containsExactly("compute3");
        assertThat(ProgressState.load(state).lastFailedNode).isEqualTo("compute3");
        assertThat(Files.readString(Path.of(first.hops().get(0).logFile()))).contains("kubespray v2.14.2 upgrading to v1.18.10");
        assertThat(Files.readString(Path.of(first.hops().get(1).logFile()))).contains("a PodDisruptionBudget allows 0 disruptions");

        Files.delete(flag);
        UpgradeReport second = new KubesprayUpgrade(new OperationContext("tester", new RecordingConsole(), null)).run(request, ansible);
        assertThat(second.completed()).isTrue();
        assertThat(second.hops()).extracting(h -> h.tag() + "=" + h.state()).containsExactly("v2.15.1=DONE");
    }
}
