package io.jenkins.plugins.kubemagic.etcd;

import hudson.model.Label;
import io.kubemagic.engine.etcd.local.LocalEtcdCluster;
import io.kubemagic.engine.testkit.EtcdFill;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The NOSPACE incident as an operator's Jenkinsfile lives it, in a real Pipeline (sandboxed CPS
 * script, {@code node}, step return values used from Groovy) against a real 3-member etcd filled
 * until it refuses writes.
 */
@WithJenkins
class EtcdPipelineTest {
    private static final long QUOTA = 16L * 1024 * 1024;

    @TempDir
    static Path work;
    static LocalEtcdCluster cluster;

    @BeforeAll
    static void startAClusterOutOfSpace() {
        cluster = LocalEtcdCluster.settings().quotaBytes(QUOTA).directory(work.resolve("etcd")).start();
        EtcdFill.untilNoSpace(cluster.clientUrls(), 256 * 1024, 2000);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String script(String template) {
        return template.replace("@ENDPOINTS@", cluster.endpoints()).replace("@QUOTA@", String.valueOf(QUOTA));
    }

    @Test
    @SuppressWarnings("unchecked")
    void statusShowsTheAlarmDryRunChangesNothingAndDefragRecovers(JenkinsRule j) throws Exception {
        WorkflowJob job = JenkinsFixtures.sandboxedPipeline(j, "etcd-incident", script("""
                node {
                  def members = etcdStatus(endpoints: '@ENDPOINTS@', quotaBytes: '@QUOTA@')
                  echo "leader=${members.find { it.leader }.name}"
                  echo "members=${members.size()} allAlarmed=${members.every { it.alarms.contains('NOSPACE') }}"
                  def plan = etcdDefrag(endpoints: '@ENDPOINTS@', quotaBytes: '@QUOTA@', dryRun: true)
                  echo "plan: dryRun=${plan.dryRun} completed=${plan.completed} disarmed=${plan.alarmsDisarmed} states=${plan.members.collect { it.state }}"
                  def result = etcdDefrag(endpoints: '@ENDPOINTS@', quotaBytes: '@QUOTA@', snapshotFile: 'backup/before-defrag.db')
                  echo "defrag: completed=${result.completed} verified=${result.verified} disarmed=${result.alarmsDisarmed} states=${result.members.collect { it.state }}"
                  def after = etcdStatus(endpoints: '@ENDPOINTS@', quotaBytes: '@QUOTA@')
                  echo "after: anyAlarm=${after.any { !it.alarms.isEmpty() }}"
                }
                """));

        WorkflowRun build = j.buildAndAssertSuccess(job);

        // What the steps returned, as the script saw it.
        String log = JenkinsRule.getLog(build);
        assertTrue(Pattern.compile("leader=etcd[1-3]\\b").matcher(log).find(), "the leader's name is echoed:\n" + log);
        j.assertLogContains("members=3 allAlarmed=true", build);
        j.assertLogContains("plan: dryRun=true completed=true disarmed=0 states=[NOT_STARTED, NOT_STARTED, NOT_STARTED]", build);
        assertTrue(Pattern.compile("defrag: completed=true verified=true disarmed=[1-9]\\d* states=\\[DONE, DONE, DONE]")
                .matcher(log).find(), "the defrag result is echoed:\n" + log);
        j.assertLogContains("after: anyAlarm=false", build);
        // What the engine printed to the build log.
        j.assertLogContains("NOSPACE", build);
        j.assertLogContains("[kubemagic] dry run: nothing was changed", build);
        j.assertLogContains("[kubemagic] defragmenting 1/3", build);
        j.assertLogContains("[kubemagic] disarmed ", build);
        assertTrue(j.jenkins.getWorkspaceFor(job).child("backup/before-defrag.db").exists(), "the snapshot is in the workspace");

        // The build page record: one entry per step, in order, without engine classes in build.xml.
        EtcdReportAction action = build.getAction(EtcdReportAction.class);
        assertNotNull(action);
        assertSame(build, action.getRun());
        List<Map<String, Object>> entries = action.getEntries();
        assertEquals(List.of("status", "defrag", "defrag", "status"), entries.stream().map(e -> e.get("kind")).toList());
        assertEquals(3, ((List<Object>) entries.get(0).get("members")).size());
        Map<String, Object> dryRun = (Map<String, Object>) entries.get(1).get("result");
        assertEquals(Boolean.TRUE, dryRun.get("dryRun"));
        Map<String, Object> defrag = (Map<String, Object>) entries.get(2).get("result");
        assertEquals(Boolean.FALSE, defrag.get("dryRun"));
        assertEquals(Boolean.TRUE, defrag.get("completed"));
        assertEquals(Boolean.TRUE, defrag.get("verified"));
        Map<String, Object> audit = (Map<String, Object>) entries.get(2).get("audit");
        assertTrue(String.valueOf(audit.get("who")).endsWith("jenkins:etcd-incident#1"), "audit who: " + audit.get("who"));
        assertEquals("SUCCESS", audit.get("outcome"));
        assertEquals("DRY_RUN", ((Map<String, Object>) entries.get(1).get("audit")).get("outcome"));

        // The action's page renders (index.jelly with the build's side panel).
        HtmlPage page = j.createWebClient().getPage(build, "kubemagic-etcd");
        String text = page.asNormalizedText();
        assertTrue(text.contains("etcd maintenance"), text);
        assertTrue(text.contains("(dry run)"), text);
        assertTrue(text.contains("DONE"), text);
    }

    /**
     * The agent case: the callable and its result cross a real Remoting channel, not the in-JVM
     * shortcut the built-in node takes (the offline tests only simulate it with Java serialization).
     */
    @Test
    void etcdStatusRunsOnAnAgent(JenkinsRule j) throws Exception {
        j.createOnlineSlave(Label.get("etcd-agent"));
        WorkflowJob job = JenkinsFixtures.sandboxedPipeline(j, "etcd-status-on-agent", script("""
                node('etcd-agent') {
                  def members = etcdStatus(endpoints: '@ENDPOINTS@', quotaBytes: '@QUOTA@')
                  echo "agent: members=${members.size()} reachable=${members.every { it.reachable }}"
                }
                """));

        WorkflowRun build = j.buildAndAssertSuccess(job);

        j.assertLogContains("agent: members=3 reachable=true", build);
        assertNotNull(build.getAction(EtcdReportAction.class));
    }
}
