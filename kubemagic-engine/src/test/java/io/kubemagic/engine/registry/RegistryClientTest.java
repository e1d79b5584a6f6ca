package io.kubemagic.engine.registry;

import io.kubemagic.engine.KubeMagicException;
import io.kubemagic.engine.console.SecretMasker;
import io.kubemagic.engine.console.SecretValue;
import io.kubemagic.engine.http.HttpCalls;
import io.kubemagic.engine.testkit.clair.LocalRegistry;
import io.kubemagic.engine.testkit.clair.ScanFixture;
import io.kubemagic.engine.testkit.clair.TestImages;
import io.kubemagic.engine.testkit.clair.TokenServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry client against real Distribution registries: anonymous, htpasswd, token; OCI, Docker, index. */
class RegistryClientTest {
    @TempDir
    static Path temp;
    private static ScanFixture fixture;
    private static TokenServer tokens;
    private static LocalRegistry tokenRegistry;
    private static String tokenImageDigest;

    @BeforeAll
    static void registries() {
        fixture = ScanFixture.start(temp.resolve("fixture"));
        tokens = TokenServer.start("robot", "Token-Login-Pw-42");
        tokenRegistry = LocalRegistry.withTokens(temp.resolve("token-registry"), tokens);
        tokenImageDigest = new TestImages(temp.resolve("token-images")).pushDebian(tokenRegistry, "secure/app:1", Map.of("bash", "5"));
    }

    @AfterAll
    static void stop() {
        if (tokenRegistry != null) {
            tokenRegistry.close();
        }
        if (tokens != null) {
            tokens.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    private static RegistryClient client(RegistryCredentials credentials, String... insecure) {
        return new RegistryClient(new HttpCalls(Duration.ofSeconds(5), Duration.ofSeconds(10), 0, Duration.ZERO), credentials,
                Set.of(insecure), new SecretMasker());
    }

    private static ImageReference ref(String text) {
        return ImageReference.parse("images", text);
    }

    @Test
    void ociAndDockerManifestsResolveWithTheirLayers() {
        RegistryClient client = client(null, fixture.open.address());
        AtomicInteger requests = new AtomicInteger();
        ResolvedImage oci = client.resolve(ref(fixture.image("team/app:vulnerable")), Platform.DEFAULT, requests);
        assertThat(oci.manifestDigest()).isEqualTo(fixture.digests.get("team/app:vulnerable"));
        assertThat(oci.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(oci.layers()).hasSize(2);
        assertThat(oci.layers().get(0).uri()).isEqualTo("http://" + fixture.open.address() + "/v2/team/app/blobs/" + oci.layers().get(0).digest());
        assertThat(oci.layers().get(0).mediaType()).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
        assertThat(oci.blobHeaders()).isEmpty();
        assertThat(requests.get()).isEqualTo(1);

        ResolvedImage docker = client.resolve(ref(fixture.image("team/app:clean")), Platform.DEFAULT, new AtomicInteger());
        assertThat(docker.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(docker.layers().get(0).mediaType()).isEqualTo(MediaTypes.DOCKER_LAYER_GZIP);
        assertThat(MediaTypes.ociLayerType(docker.layers().get(0).mediaType())).isEqualTo(MediaTypes.OCI_LAYER_GZIP);

        ResolvedImage byDigest = client.resolve(ref(fixture.image("team/app@" + fixture.digests.get("team/app:clean"))),
                Platform.DEFAULT, new AtomicInteger());
        assertThat(byDigest.manifestDigest()).isEqualTo(fixture.digests.get("team/app:clean"));
    }

    @Test
    void anIndexIsResolvedByPlatform() {
        RegistryClient client = client(null, fixture.open.address());
        AtomicInteger requests = new AtomicInteger();
        ResolvedImage amd64 = client.resolve(ref(fixture.image("team/multi:1")), Platform.DEFAULT, requests);
        assertThat(amd64.manifestDigest()).isEqualTo(fixture.digests.get("team/multi:amd64"));
        assertThat(amd64.indexDigest()).isEqualTo(fixture.digests.get("team/multi:1"));
        assertThat(amd64.platform()).isEqualTo("linux/amd64");
        assertThat(requests.get()).isEqualTo(2);
        ResolvedImage arm64 = client.resolve(ref(fixture.image("team/multi:1")), Platform.parse("p", "linux/arm64"), new AtomicInteger());
        assertThat(arm64.manifestDigest()).isEqualTo(fixture.digests.get("team/multi:arm64"));
        assertThatThrownBy(() -> client.resolve(ref(fixture.image("team/multi:1")), Platform.parse("p", "linux/s390x"), new AtomicInteger()))
                .isInstanceOf(KubeMagicException.class)
                .hasMessageContaining("no image for platform linux/s390x")
                .hasMessageContaining("[linux/amd64, linux/arm64/v8]");
    }

    @Test
    void missingTagsRepositoriesAndDigestsSayWhich() {
        RegistryClient client = client(null, fixture.open.address());
        assertThatThrownBy(() -> client.resolve(ref(fixture.image("team/app:nope")), Platform.DEFAULT, new AtomicInteger()))
                .hasMessageContaining("has no tag nope in team/app (404 MANIFEST_UNKNOWN)");
        assertThatThrownBy(() -> client.resolve(ref(fixture.image("team/nothing:1")), Platform.DEFAULT, new AtomicInteger()))
                .hasMessageContaining("404").hasMessageContaining("team/nothing");
        assertThatThrownBy(() -> client.resolve(ref(fixture.image("team/app@sha256:" + "0".repeat(64))), Platform.DEFAULT, new AtomicInteger()))
                .hasMessageContaining("(404 MANIFEST_UNKNOWN); check the digest");
    }

    @Test
    void httpsIsTheDefaultAndAnHttpRegistryMustBeMarkedInsecure() {
        assertThatThrownBy(() -> client(null).resolve(ref(fixture.image("team/app:clean")), Platform.DEFAULT, new AtomicInteger()))
                .isInstanceOf(KubeMagicException.class)
                .hasMessageContaining("https://" + fixture.open.address())
                .hasMessageContaining("mark it insecure");
    }

    @Test
    void basicAuthFollowsTheChallengeAndWrongPasswordsAreA401() {
        String image = fixture.lockedImage("private/app:1");
        RegistryCredentials good = new RegistryCredentials(ScanFixture.USER, SecretValue.of(ScanFixture.PASSWORD));
        AtomicInteger requests = new AtomicInteger();
        ResolvedImage resolved = client(good, fixture.locked.address()).resolve(ref(image), Platform.DEFAULT, requests);
        assertThat(resolved.manifestDigest()).isEqualTo(fixture.digests.get("private/app:1"));
        assertThat(resolved.blobHeaders().get("Authorization").reveal()).isEqualTo(good.basicHeader().reveal());
        assertThat(requests.get()).isEqualTo(2);

        RegistryCredentials bad = new RegistryCredentials(ScanFixture.USER, SecretValue.of("wrong-password-123"));
        assertThatThrownBy(() -> client(bad, fixture.locked.address()).resolve(ref(image), Platform.DEFAULT, new AtomicInteger()))
                .hasMessageContaining("refused the user name or password of \"scanner\" for private/app (401 UNAUTHORIZED)")
                .hasMessageNotContaining("wrong-password-123");
        assertThatThrownBy(() -> client(null, fixture.locked.address()).resolve(ref(image), Platform.DEFAULT, new AtomicInteger()))
                .hasMessageContaining("wants a login for private/app (401");
    }

    @Test
    void bearerTokensComeFromTheTokenServerTheChallengeNames() {
        String image = tokenRegistry.address() + "/secure/app:1";
        RegistryCredentials robot = new RegistryCredentials("robot", SecretValue.of("Token-Login-Pw-42"));
        SecretMasker masker = new SecretMasker();
        RegistryClient client = new RegistryClient(new HttpCalls(Duration.ofSeconds(5), Duration.ofSeconds(10), 0, Duration.ZERO),
                robot, Set.of(tokenRegistry.address()), masker);
        AtomicInteger requests = new AtomicInteger();
        int issuedBefore = tokens.issued();
        ResolvedImage resolved = client.resolve(ref(image), Platform.DEFAULT, requests);
        assertThat(resolved.manifestDigest()).isEqualTo(tokenImageDigest);
        String header = resolved.blobHeaders().get("Authorization").reveal();
        assertThat(header).startsWith("Bearer ey");
        assertThat(masker.mask("token " + header)).isEqualTo("token ****");
        assertThat(tokens.issued()).isEqualTo(issuedBefore + 1);
        assertThat(requests.get()).isEqualTo(3); // challenge, token, manifest
        client.resolve(ref(image), Platform.DEFAULT, requests);
        assertThat(requests.get()).isEqualTo(4); // the token is reused

        RegistryCredentials wrong = new RegistryCredentials("robot", SecretValue.of("nope-nope"));
        assertThatThrownBy(() -> client(wrong, tokenRegistry.address()).resolve(ref(image), Platform.DEFAULT, new AtomicInteger()))
                .hasMessageContaining("refused the user name or password of \"robot\"");
        assertThatThrownBy(() -> client(null, tokenRegistry.address()).resolve(ref(image), Platform.DEFAULT, new AtomicInteger()))
                .hasMessageContaining("wants a login for secure/app");
    }
}
