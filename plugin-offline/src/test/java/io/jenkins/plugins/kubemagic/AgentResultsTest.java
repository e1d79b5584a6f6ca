package io.jenkins.plugins.kubemagic;

import io.jenkins.plugins.kubemagic.etcd.EtcdDefragCallable;
import io.jenkins.plugins.kubemagic.steps.AgentCall;
import io.kubemagic.engine.audit.AuditRecord;
import io.kubemagic.engine.etcd.AlarmInfo;
import io.kubemagic.engine.etcd.DefragReport;
import io.kubemagic.engine.etcd.MemberStatus;
import io.kubemagic.engine.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an agent sends back must be a JDK type: Jenkins (JEP-200) refuses to deserialize classes of
 * a plain library such as the engine. The engine result travels as JSON and must read back whole.
 */
class AgentResultsTest {

    @ParameterizedTest
    @MethodSource("io.jenkins.plugins.kubemagic.PluginClasses#agentCalls")
    void everyAgentCallAnswersWithText(Class<?> callable) throws Exception {
        assertThat(AgentCall.class).isAssignableFrom(callable);
        Method call = callable.getMethod("call");
        assertThat(call.getReturnType()).isEqualTo(String.class);
    }

    @Test
    void aDefragReportReadsBackWhole() {
        MemberStatus member = new MemberStatus("https://10.0.0.1:2379", "etcd1", "8e9e05c52164694d", true, "3.4.23",
                20_000_000, 3_000_000, 2147483648L, 120, 3, 99, List.of("NOSPACE"), null);
        AuditRecord audit = new AuditRecord("id-1", "alice", "etcd.defrag", Map.of("endpoints", List.of("https://10.0.0.1:2379")),
                Map.of("quotaBytes", 2147483648L), Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-23T00:01:00Z"),
                AuditRecord.Outcome.SUCCESS, "1 member(s) defragmented");
        DefragReport report = new DefragReport(
                List.of(new DefragReport.PlannedMember("https://10.0.0.1:2379", "etcd1", true, true, "NOSPACE alarm")),
                List.of(member), List.of(member),
                List.of(new DefragReport.MemberOutcome("https://10.0.0.1:2379", "etcd1", DefragReport.State.DONE,
                        20_000_000, 3_000_000, 1500, "healthy again")),
                "/ws/etcd.db", 20_000_000, 99, List.of(new AlarmInfo("8e9e05c52164694d", "NOSPACE")), null,
                new DefragReport.Verification(true, 101, List.of(new DefragReport.MemberHash("https://10.0.0.1:2379", 4_000_000_000L)),
                        true, "all 1 members agree"),
                false, true, null, null, List.of("quotaBytes: small"), audit);

        DefragReport back = new EtcdDefragCallable(null, null, null, null).decode(Json.write(report));

        assertThat(back).isEqualTo(report);
    }
}
