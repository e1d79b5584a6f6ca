package io.kubemagic.cli;

import io.kubemagic.engine.etcd.AlarmInfo;
import io.kubemagic.engine.report.TextTable;
import picocli.CommandLine.Command;

import java.util.List;

/** {@code kubemagic etcd alarms list|disarm}. */
@Command(name = "alarms",
        description = "List or disarm etcd alarms (NOSPACE: quota exceeded; CORRUPT).",
        mixinStandardHelpOptions = true,
        modelTransformer = ExitCodes.HelpSection.class,
        subcommands = {EtcdAlarmsCommand.ListAlarms.class, EtcdAlarmsCommand.Disarm.class})
public final class EtcdAlarmsCommand {

    @Command(name = "list", description = "The active alarms, member by member.",
            mixinStandardHelpOptions = true, modelTransformer = ExitCodes.HelpSection.class)
    public static final class ListAlarms extends EtcdLeafCommand {
        @Override
        protected int run() {
            List<AlarmInfo> alarms = maintenance().alarms(target());
            if (output.json) {
                printJson(alarms);
            } else if (alarms.isEmpty()) {
                line("no alarms");
            } else {
                TextTable table = new TextTable("MEMBER ID", "ALARM");
                alarms.forEach(a -> table.row(a.memberId(), a.type()));
                table.lines().forEach(this::line);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "disarm",
            description = {"Disarm every alarm, as etcdctl alarm disarm does.",
                    "With NOSPACE, disarm only after the database is under the quota again (etcd defrag does both, "
                            + "in that order); otherwise etcd raises the alarm again at the next write."},
            mixinStandardHelpOptions = true, modelTransformer = ExitCodes.HelpSection.class)
    public static final class Disarm extends EtcdLeafCommand {
        @Override
        protected int run() {
            List<AlarmInfo> disarmed = maintenance().disarmAlarms(target());
            if (output.json) {
                printJson(disarmed);
            }
            return ExitCodes.OK;
        }
    }
}
