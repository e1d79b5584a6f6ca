package io.kubemagic.engine.testkit.clair;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.kubemagic.engine.testkit.clair.VulnerabilityTable.APK_CRYPTO;
import static io.kubemagic.engine.testkit.clair.VulnerabilityTable.APK_CRYPTO_VULNERABLE;
import static io.kubemagic.engine.testkit.clair.VulnerabilityTable.BASH;
import static io.kubemagic.engine.testkit.clair.VulnerabilityTable.BASH_SAFE;
import static io.kubemagic.engine.testkit.clair.VulnerabilityTable.E2FSPROGS;
import static io.kubemagic.engine.testkit.clair.VulnerabilityTable.E2FSPROGS_VULNERABLE;
import static io.kubemagic.engine.testkit.clair.VulnerabilityTable.LIBC;
import static io.kubemagic.engine.testkit.clair.VulnerabilityTable.LIBC_VULNERABLE;
import static io.kubemagic.engine.testkit.clair.VulnerabilityTable.LIBGCRYPT;
import static io.kubemagic.engine.testkit.clair.VulnerabilityTable.LIBGCRYPT_VULNERABLE;
import static io.kubemagic.engine.testkit.clair.VulnerabilityTable.OPENSSL;
import static io.kubemagic.engine.testkit.clair.VulnerabilityTable.OPENSSL_VULNERABLE;
import static io.kubemagic.engine.testkit.clair.VulnerabilityTable.ZLIB;
import static io.kubemagic.engine.testkit.clair.VulnerabilityTable.ZLIB_VULNERABLE;

/**
 * Two real registries (anonymous, and htpasswd with {@link #USER}/{@link #PASSWORD}) holding the
 * images the scan tests use, built from scratch with umoci and pushed with skopeo:
 * <ul>
 *   <li>{@code team/app:vulnerable} (OCI, 2 layers): openssl High (fixed), zlib1g Critical (fixed),
 *       libgcrypt20 High (no fix), e2fsprogs Medium, libc6 Negligible + Low (no fix), bash clean</li>
 *   <li>{@code team/app:clean} (Docker v2s2): bash only</li>
 *   <li>{@code team/app:unfixed} (OCI): libgcrypt20 High (no fix), libc6</li>
 *   <li>{@code team/alpine:3} (OCI): apk's libcrypto3 High (fixed)</li>
 *   <li>{@code team/multi:1}: an OCI index, linux/amd64 = the clean image, linux/arm64/v8 = vulnerable</li>
 *   <li>on the htpasswd registry, {@code private/app:1}: like team/app:vulnerable, Docker v2s2</li>
 * </ul>
 */
public final class ScanFixture implements AutoCloseable {
    public static final String USER = "scanner";
    public static final String PASSWORD = "Reg-Pw-7c1e9a55-do-not-print";

    public final LocalRegistry open;
    public final LocalRegistry locked;
    public final Map<String, String> digests = new LinkedHashMap<>();
    private final java.util.List<ClairSimulator> simulators = new java.util.concurrent.CopyOnWriteArrayList<>();

    private ScanFixture(LocalRegistry open, LocalRegistry locked) {
        this.open = open;
        this.locked = locked;
    }

    public static Map<String, String> vulnerablePackages() {
        Map<String, String> packages = new LinkedHashMap<>();
        packages.put(OPENSSL, OPENSSL_VULNERABLE);
        packages.put(ZLIB, ZLIB_VULNERABLE);
        packages.put(LIBGCRYPT, LIBGCRYPT_VULNERABLE);
        packages.put(E2FSPROGS, E2FSPROGS_VULNERABLE);
        packages.put(LIBC, LIBC_VULNERABLE);
        packages.put(BASH, BASH_SAFE);
        return packages;
    }

    public static ScanFixture start(Path directory) {
        LocalRegistry open = LocalRegistry.anonymous(directory.resolve("open"));
        LocalRegistry locked;
        try {
            locked = LocalRegistry.withHtpasswd(directory.resolve("locked"), USER, PASSWORD);
        } catch (RuntimeException e) {
            open.close();
            throw e;
        }
        ScanFixture fixture = new ScanFixture(open, locked);
        try {
            TestImages images = new TestImages(directory.resolve("images"));
            Map<String, String> vulnerableLayers = new LinkedHashMap<>();
            vulnerableLayers.put("var/lib/dpkg/status", TestImages.dpkgStatus(vulnerablePackages()));
            vulnerableLayers.put("etc/motd", "built by the kubemagic scan tests\n");
            fixture.digests.put("team/app:vulnerable",
                    images.push(open, "team/app:vulnerable", vulnerableLayers, TestImages.Format.OCI, "amd64"));
            fixture.digests.put("team/app:clean", images.push(open, "team/app:clean",
                    Map.of("var/lib/dpkg/status", TestImages.dpkgStatus(Map.of(BASH, BASH_SAFE))), TestImages.Format.DOCKER, "amd64"));
            fixture.digests.put("team/app:unfixed", images.pushDebian(open, "team/app:unfixed",
                    Map.of(LIBGCRYPT, LIBGCRYPT_VULNERABLE, LIBC, LIBC_VULNERABLE)));
            fixture.digests.put("team/alpine:3", images.push(open, "team/alpine:3",
                    Map.of("lib/apk/db/installed", TestImages.apkInstalled(Map.of(APK_CRYPTO, APK_CRYPTO_VULNERABLE))),
                    TestImages.Format.OCI, "amd64"));
            String amd64 = images.push(open, "team/multi:amd64",
                    Map.of("var/lib/dpkg/status", TestImages.dpkgStatus(Map.of(BASH, BASH_SAFE))), TestImages.Format.OCI, "amd64");
            String arm64 = images.push(open, "team/multi:arm64", vulnerableLayers, TestImages.Format.OCI, "arm64");
            Map<String, String> platforms = new LinkedHashMap<>();
            platforms.put("linux/amd64", amd64);
            platforms.put("linux/arm64/v8", arm64);
            fixture.digests.put("team/multi:amd64", amd64);
            fixture.digests.put("team/multi:arm64", arm64);
            fixture.digests.put("team/multi:1", TestImages.pushIndex(open, "team/multi", "1", platforms));
            fixture.digests.put("private/app:1", images.push(locked, "private/app:1", vulnerableLayers, TestImages.Format.DOCKER, "amd64"));
        } catch (RuntimeException e) {
            fixture.close();
            throw e;
        }
        return fixture;
    }

    /** A Clair simulator with the standard vulnerability table, stopped with the fixture. */
    public ClairSimulator startClair() {
        ClairSimulator clair = ClairSimulator.start(VulnerabilityTable.standard());
        simulators.add(clair);
        return clair;
    }

    /** {@code 127.0.0.1:port/repository:tag} on the anonymous registry. */
    public String image(String repositoryAndTag) {
        return open.address() + "/" + repositoryAndTag;
    }

    public String lockedImage(String repositoryAndTag) {
        return locked.address() + "/" + repositoryAndTag;
    }

    @Override
    public void close() {
        simulators.forEach(ClairSimulator::close);
        open.close();
        locked.close();
    }
}
