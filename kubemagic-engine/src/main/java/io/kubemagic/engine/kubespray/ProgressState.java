package io.kubemagic.engine.kubespray;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The upgrade's progress, kept in {@code <stateDir>/progress.json} after every change so that a
 * run that crashed, timed out or was aborted resumes where it stopped: the hops done, the hop
 * running or failed, and the node it failed on.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class ProgressState {
    public static final String FILE = "progress.json";

    public enum HopState { RUNNING, DONE, FAILED }

    /** One hop as the state file records it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HopRecord(int number, String tag, String kubeVersion, HopState state, Instant started, Instant ended,
                            String logFile, List<String> failedNodes, String message) {
    }

    public String kubesprayDir;
    public String targetTag;
    public String targetKubeVersion;
    public String currentHop;
    public String lastFailedNode;
    public Instant updated;
    public List<HopRecord> hops = new ArrayList<>();

    public static ProgressState load(Path stateDir) {
        Path file = stateDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return new ProgressState();
        }
        try {
            return Json.mapper().readValue(Files.readString(file, StandardCharsets.UTF_8), ProgressState.class);
        } catch (IOException e) {
            throw new KubeMagicException("the progress file " + file + " cannot be read (" + e.getMessage()
                    + "); fix it, or move it away to plan from the cluster's state alone", e);
        }
    }

    public void save(Path stateDir) {
        updated = Instant.now();
        try {
            Files.createDirectories(stateDir);
            Path temporary = stateDir.resolve(FILE + ".tmp");
            Files.writeString(temporary, Json.writePretty(this), StandardCharsets.UTF_8);
            Files.move(temporary, stateDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new KubeMagicException("cannot write the progress file in " + stateDir + ": " + e.getMessage(), e);
        }
    }

    /** The last hop done, the one a re-run continues from. */
    public Optional<HopRecord> lastDone() {
        HopRecord last = null;
        for (HopRecord hop : hops) {
            if (hop.state() == HopState.DONE) {
                last = hop;
            }
        }
        return Optional.ofNullable(last);
    }

    public List<String> doneTags() {
        return hops.stream().filter(h -> h.state() == HopState.DONE).map(h -> h.tag() + " (" + h.kubeVersion() + ")").toList();
    }

    void record(HopRecord hop) {
        hops.removeIf(h -> h.state() != HopState.DONE && h.tag().equals(hop.tag()) && h.kubeVersion().equals(hop.kubeVersion()));
        hops.add(hop);
        currentHop = hop.state() == HopState.DONE ? null : hop.tag();
        if (hop.state() == HopState.FAILED) {
            lastFailedNode = hop.failedNodes().isEmpty() ? null : hop.failedNodes().get(0);
        } else if (hop.state() == HopState.DONE) {
            lastFailedNode = null;
        }
    }
}
