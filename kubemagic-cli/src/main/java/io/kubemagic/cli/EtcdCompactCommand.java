package io.kubemagic.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code kubemagic etcd compact}: drop the key history up to the current revision minus N. */
@Command(name = "compact",
        description = "Compact the key history (physically) to the current revision minus --keep-revisions. "
                + "Space goes back to the file system only with a defrag afterwards.",
        mixinStandardHelpOptions = true,
        modelTransformer = ExitCodes.HelpSection.class)
public final class EtcdCompactCommand extends EtcdLeafCommand {
    @Option(names = "--keep-revisions", paramLabel = "N", defaultValue = "0",
            description = "Keep the last N revisions (default: ${DEFAULT-VALUE}).")
    long keepRevisions;

    @Override
    protected int run() {
        if (keepRevisions < 0) {
            throw new io.kubemagic.engine.InvalidInputException("--keep-revisions", keepRevisions + " must not be negative");
        }
        long revision = maintenance().compact(target(), keepRevisions, connection.commandTimeout());
        if (output.json) {
            printJson(Map.of("compactedRevision", revision));
        }
        return ExitCodes.OK;
    }
}
