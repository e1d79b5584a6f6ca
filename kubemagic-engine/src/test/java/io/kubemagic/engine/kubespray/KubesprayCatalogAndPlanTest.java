package io.kubemagic.engine.kubespray;

import io.kubemagic.engine.InvalidInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalog against the facts of every release v2.12.0..v2.31.0, and plans across eras, with refusals. */
class KubesprayCatalogAndPlanTest {
    static List<ReleaseFacts> facts;
    @TempDir
    static Path all;

    @BeforeAll
    static void buildEveryRelease() {
        facts = ReleaseFacts.load();
        SyntheticKubespray.of(all, facts);
    }

    @Test
    void theCatalogReadsEachErasFilesAsTheFixtureSaysTheyAre() {
        try (ReleaseCatalog catalog = ReleaseCatalog.open(all)) {
            assertThat(catalog.releases()).hasSize(facts.size());
            for (ReleaseFacts f : facts) {
                KubesprayRelease r = catalog.release(f.tag()).orElseThrow();
                assertThat(r.defaultKubeVersion()).as(f.tag()).isEqualTo(Version.parse("k", f.kubeVersionDefault()));
                assertThat(r.installable()).as(f.tag()).containsExactlyInAnyOrderElementsOf(
                        f.amd64Versions().stream().map(v -> Version.parse("k", v)).toList());
                assertThat(r.checksumsFile()).as(f.tag()).isEqualTo(f.checksumsIn());
                assertThat(r.minRequired()).as(f.tag()).isEqualTo(Version.parse("k", f.minRequired()));
                assertThat(r.bareVersionKeys()).as(f.tag()).isEqualTo(f.bareKeys());
                assertThat(r.clusterGroup()).as(f.tag()).isEqualTo(f.groupVarsDir());
                assertThat(r.controlPlaneGroup()).as(f.tag()).isEqualTo(f.controlPlaneGroup());
                assertThat(r.playbooksDir()).as(f.tag()).isEqualTo(f.playbooksDir() ? "playbooks" : "root");
            }
            List<String> tags = catalog.releases().stream().map(KubesprayRelease::tag).toList();
            assertThat(tags.indexOf("v2.26.1")).isEqualTo(tags.indexOf("v2.26.0") + 1);
            assertThat(tags).doesNotContain("v2.10.1").endsWith("v2.31.0");
            assertThat(catalog.release("v2.28.0").orElseThrow().kubeVersionSource()).contains("first kubelet_checksums.amd64 key");
        }
    }

    @Test
    void theOperatorsPathFrom1_18_3To1_19_9GoesThroughV2_14AndV2_15() {
        try (ReleaseCatalog catalog = ReleaseCatalog.open(all)) {
            UpgradePlan plan = new UpgradePlanner(catalog).plan(catalog.position("v2.14.0"), Version.parse("k", "v1.18.3"), "given",
                    null, Version.parse("k", "v1.19.9"));
            assertThat(plan.refusals()).isEmpty();
            assertThat(plan.hops()).extracting(Hop::tag, Hop::kubeVersion)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("v2.14.2", "v1.18.10"), org.assertj.core.groups.Tuple.tuple("v2.15.1", "v1.19.9"));
            assertThat(plan.targetTag()).isEqualTo("v2.15.1");
            assertThat(plan.hops().get(1).playbook()).isEqualTo("upgrade-cluster.yml");
        }
    }

    @Test
    void oneKubernetesMinorAtATimeEvenWithinOneTag() {
        try (ReleaseCatalog catalog = ReleaseCatalog.open(all)) {
            UpgradePlan plan = new UpgradePlanner(catalog).plan(catalog.position("v2.14.0"), Version.parse("k", "v1.18.3"), "given",
                    "v2.15.1", Version.parse("k", "v1.20.5"));
            assertThat(plan.hops()).extracting(h -> h.tag() + "=" + h.kubeVersion())
                    .containsExactly("v2.14.2=v1.18.10", "v2.15.1=v1.19.9", "v2.15.1=v1.20.5");
        }
    }

    @Test
    void acrossEras_theChecksumFilesMoveAndV2_28WritesVersionsWithoutV() {
        try (ReleaseCatalog catalog = ReleaseCatalog.open(all)) {
            UpgradePlan plan = new UpgradePlanner(catalog).plan(catalog.position("v2.22.2"), Version.parse("k", "v1.26.13"), "given",
                    "v2.28.0", null);
            assertThat(plan.refusals()).isEmpty();
            assertThat(plan.hops()).extracting(h -> h.tag() + "=" + h.kubeVersionValue()).containsExactly(
                    "v2.23.3=v1.27.10", "v2.24.3=v1.28.14", "v2.25.1=v1.29.10", "v2.26.1=v1.30.6", "v2.27.1=v1.31.9", "v2.28.0=1.32.5");
        }
    }

    @Test
    void refusals_downgradeNotInstallableUnknownTagAndUnknownCommit() {
        try (ReleaseCatalog catalog = ReleaseCatalog.open(all)) {
            UpgradePlanner planner = new UpgradePlanner(catalog);
            UpgradePlan olderTag = planner.plan(catalog.position("v2.15.1"), Version.parse("k", "v1.19.9"), "given", "v2.14.2", null);
            assertThat(olderTag.refusals()).singleElement().asString().startsWith("downgrade").contains("v2.14.2", "v2.15.1");
            assertThat(olderTag.hops()).isEmpty();

            UpgradePlan olderKube = planner.plan(catalog.position("v2.15.1"), Version.parse("k", "v1.19.9"), "given", null,
                    Version.parse("k", "v1.18.10"));
            assertThat(olderKube.refusals()).singleElement().asString().contains("downgrade", "v1.19.9", "v1.18.10");

            UpgradePlan notInstallable = planner.plan(catalog.position("v2.14.0"), Version.parse("k", "v1.18.3"), "given", "v2.15.1",
                    Version.parse("k", "v1.22.0"));
            assertThat(notInstallable.refusals()).singleElement().asString()
                    .contains("v1.22.0 is not installable by v2.15.1", "v1.18.0 to v1.20.5", "tags that can install it: v2.17.0");

            UpgradePlan unknownTag = planner.plan(catalog.position("v2.14.0"), Version.parse("k", "v1.18.3"), "given", "v2.99.0", null);
            assertThat(unknownTag.refusals()).singleElement().asString().contains("unknown target tag v2.99.0");

            assertThatThrownBy(() -> catalog.position("0123456789abcdef0123456789abcdef01234567"))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown commit");
        }
    }

    @Test
    void anUntaggedCommitGetsTheClosestTagAndThePlanStartsAfterIt(@TempDir Path dir) {
        String untagged;
        try (SyntheticKubespray repo = SyntheticKubespray.init(dir)) {
            facts.stream().filter(f -> f.version().isBefore(new Version(2, 14, 0))).forEach(repo::release);
            untagged = repo.untagged(ReleaseFacts.of(facts, "v2.13.4"), "master: bump calico");
            repo.untagged(ReleaseFacts.of(facts, "v2.13.4"), "master: docs");
            repo.untagged(ReleaseFacts.of(facts, "v2.13.4"), "master: ci");
            facts.stream().filter(f -> !f.version().isBefore(new Version(2, 14, 0)) && f.version().isBefore(new Version(2, 16, 0)))
                    .forEach(repo::release);
        }
        try (ReleaseCatalog catalog = ReleaseCatalog.open(dir)) {
            Position position = catalog.position(untagged.substring(0, 10));
            assertThat(position.tagged()).isFalse();
            assertThat(position.previousTag()).isEqualTo("v2.13.4");
            assertThat(position.commitsSincePrevious()).isEqualTo(1);
            assertThat(position.nextTag()).isEqualTo("v2.14.0");
            assertThat(position.commitsUntilNext()).isEqualTo(3);
            assertThat(position.closestTag()).isEqualTo("v2.13.4");
            UpgradePlan plan = new UpgradePlanner(catalog).plan(position, Version.parse("k", "v1.18.3"), "given", null,
                    Version.parse("k", "v1.19.9"));
            assertThat(plan.hops()).extracting(h -> h.tag() + "=" + h.kubeVersion()).containsExactly("v2.14.2=v1.18.10", "v2.15.1=v1.19.9");
            assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("untagged commit", "closest tag v2.13.4"))
                    .anySatisfy(n -> assertThat(n).contains("skipping v2.13.4"));
        }
    }

    @Test
    void catalogOfSomethingThatIsNotAGitCheckoutSaysSo(@TempDir Path empty) {
        assertThatThrownBy(() -> ReleaseCatalog.open(empty)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a git checkout");
    }
}
