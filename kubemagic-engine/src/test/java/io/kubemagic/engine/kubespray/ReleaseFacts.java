package io.kubemagic.engine.kubespray;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemagic.engine.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The facts of ../shared/fixtures/kubespray-releases.json (one entry per Kubespray release tag,
 * v2.12.0 to v2.31.0), as the synthetic repositories and the catalog checks use them.
 */
public record ReleaseFacts(String tag, String commitDate, String kubeVersionDefault, String kubeVersionDefinedIn,
                           String kubeVersionDefinedAs, String minRequired, String minRequiredDefinedIn, String checksumsIn,
                           boolean bareKeys, List<String> amd64Versions, String groupVarsDir, String controlPlaneGroup,
                           List<String> iniSections, List<String> groupVarsFiles, boolean playbooksDir) {

    public static Path fixture() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures/kubespray-releases.json");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            candidate = dir.resolveSibling("shared").resolve("fixtures/kubespray-releases.json");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return Path.of("/work/shared/fixtures/kubespray-releases.json");
    }

    public static List<ReleaseFacts> load() {
        try {
            JsonNode root = Json.mapper().readTree(Files.readString(fixture()));
            List<ReleaseFacts> facts = new ArrayList<>();
            for (JsonNode r : root) {
                List<String> versions = new ArrayList<>();
                r.get("kubelet_amd64_versions").forEach(v -> versions.add(v.asText()));
                List<String> sections = new ArrayList<>();
                r.get("group_names").get("inventory_ini_sections").forEach(v -> sections.add(v.asText()));
                List<String> files = new ArrayList<>();
                r.get("sample_group_vars_files").forEach(v -> files.add(v.asText()));
                JsonNode upgrade = r.get("playbook_files").get("upgrade-cluster");
                facts.add(new ReleaseFacts(r.get("tag").asText(), r.get("commit_date").asText(), r.get("kube_version_default").asText(),
                        r.get("kube_version_defined_in").asText(), r.get("kube_version_defined_as").asText(),
                        r.get("kube_version_min_required").asText(), r.get("kube_version_min_required_defined_in").asText(),
                        r.get("kubelet_checksums_in").asText(), r.get("kubelet_version_key_format").asText().startsWith("bare"),
                        versions, r.get("sample_group_vars_dir").asText(), r.get("sample_control_plane_group").asText(),
                        sections, files, !upgrade.get("playbooks_dir").isNull()));
            }
            return facts;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + fixture(), e);
        }
    }

    public static ReleaseFacts of(List<ReleaseFacts> all, String tag) {
        return all.stream().filter(f -> f.tag().equals(tag)).findFirst().orElseThrow(() -> new IllegalArgumentException(tag));
    }

    public Version version() {
        return Version.parse("tag", tag);
    }
}
