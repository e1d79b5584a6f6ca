package io.kubemagic.engine.registry;

import io.kubemagic.engine.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Image references as docker reads them, and the messages for the ones it would refuse. */
class ImageReferenceTest {
    private static final String DIGEST = "sha256:" + "a".repeat(64);

    @ParameterizedTest
    @CsvSource({
            "alpine, docker.io, library/alpine, latest, , alpine",
            "alpine:3.18, docker.io, library/alpine, 3.18, , alpine",
            "team/app, docker.io, team/app, latest, , team/app",
            "quay.io/coreos/clair:v2.1.8, quay.io, coreos/clair, v2.1.8, , coreos/clair",
            "127.0.0.1:5000/team/app:1.0, 127.0.0.1:5000, team/app, 1.0, , team/app",
            "localhost/app, localhost, app, latest, , app",
            "localhost:5000/a/b/c:x_y-z.1, localhost:5000, a/b/c, x_y-z.1, , a/b/c",
            "[::1]:5000/team/app:2, [::1]:5000, team/app, 2, , team/app",
            "registry.example.com/team/my_app__x:1, registry.example.com, team/my_app__x, 1, , team/my_app__x",
    })
    void parses(String text, String registry, String repository, String tag, String digest, String shortName) {
        ImageReference reference = ImageReference.parse("images", text);
        assertThat(reference.registry()).isEqualTo(registry);
        assertThat(reference.repository()).isEqualTo(repository);
        assertThat(reference.tag()).isEqualTo(tag);
        assertThat(reference.digest()).isEqualTo(digest);
        assertThat(reference.shortName()).isEqualTo(shortName);
    }

    @Test
    void digestsPinAndDockerHubHasItsApiHost() {
        ImageReference byDigest = ImageReference.parse("images", "127.0.0.1:5000/team/app@" + DIGEST);
        assertThat(byDigest.tag()).isNull();
        assertThat(byDigest.manifestReference()).isEqualTo(DIGEST);
        ImageReference both = ImageReference.parse("images", "127.0.0.1:5000/team/app:1.0@" + DIGEST);
        assertThat(both.tag()).isEqualTo("1.0");
        assertThat(both.manifestReference()).isEqualTo(DIGEST);
        assertThat(both.toString()).isEqualTo("127.0.0.1:5000/team/app:1.0@" + DIGEST);
        assertThat(ImageReference.parse("images", "alpine").apiHost()).isEqualTo("registry-1.docker.io");
        assertThat(ImageReference.parse("images", "alpine").toString()).isEqualTo("docker.io/library/alpine:latest");
        assertThat(ImageReference.parse("images", "127.0.0.1:5000/a:1").apiHost()).isEqualTo("127.0.0.1:5000");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''| empty image reference",
            "https://registry.example.com/app:1| has a URL scheme",
            "registry.example.com/Team/app:1| must be lower case",
            "team/App| must be lower case",
            "registry.example.com/team//app| empty path component",
            "registry.example.com/team/app:| the tag \"\" is not valid",
            "registry.example.com/team/app:-bad| the tag \"-bad\" is not valid",
            "registry.example.com:99999/app| not between 1 and 65535",
            "registry.example.com:http/app| port \"http\" is not a number",
            "registry.example.com/team/app@sha256:abc| 64 lower-case hex characters",
            "registry.example.com/team/app@md5:0123456789abcdef0123456789abcdef| \"md5\" is not supported",
            "registry.example.com/team/app@latest| is not a digest",
            "registry.example.com/team/-app| not a valid repository path component",
            "registry.example.com/| names no repository",
            "team/app one| white space",
    })
    void refusesWithAReason(String text, String reason) {
        assertThatThrownBy(() -> ImageReference.parse("images", text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("images: ")
                .hasMessageContaining(reason);
    }

    @Test
    void aTooLongNameIsRefused() {
        String name = "registry.example.com/" + "a".repeat(256);
        assertThatThrownBy(() -> ImageReference.parse("images", name)).hasMessageContaining("longer than 255");
    }

    @Test
    void platforms() {
        assertThat(Platform.parse("platform", null)).isEqualTo(Platform.DEFAULT);
        assertThat(Platform.parse("platform", "linux/arm64/v8")).isEqualTo(new Platform("linux", "arm64", "v8"));
        assertThat(Platform.parse("platform", "linux/arm64").matches("linux", "arm64", "v8")).isTrue();
        assertThat(Platform.parse("platform", "linux/arm64/v8").matches("linux", "arm64", null)).isTrue();
        assertThat(Platform.parse("platform", "linux/arm/v7").matches("linux", "arm", "v6")).isFalse();
        assertThatThrownBy(() -> Platform.parse("platform", "amd64")).hasMessageContaining("os/architecture");
    }

    @Test
    void challenges() {
        Optional<WwwAuthenticate> bearer = WwwAuthenticate.parse(
                "Bearer realm=\"https://auth.example.com/token\",service=\"registry.example.com\",scope=\"repository:a/b:pull,push\"");
        assertThat(bearer).isPresent();
        assertThat(bearer.get().isBearer()).isTrue();
        assertThat(bearer.get().parameter("realm")).isEqualTo("https://auth.example.com/token");
        assertThat(bearer.get().parameter("scope")).isEqualTo("repository:a/b:pull,push");
        WwwAuthenticate basic = WwwAuthenticate.parse("Basic realm=\"Registry Realm\"").orElseThrow();
        assertThat(basic.isBasic()).isTrue();
        assertThat(basic.parameter("realm")).isEqualTo("Registry Realm");
        assertThat(WwwAuthenticate.parse(null)).isEmpty();
    }
}
