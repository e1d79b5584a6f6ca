package io.kubemagic.engine.testkit.ansible;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A copy of the test site (src/test/resources/kubemagic-site/): fake kubespray, ceph-ansible,
 * openshift-ansible and custom checkouts with small playbooks that mimic the upstream layouts,
 * with the inventories' @PORT_A@ / @PORT_B@ replaced by the ports of the running sshd servers.
 */
public final class FakeSite {
    public static final String RESOURCE = "/kubemagic-site";

    private FakeSite() {
    }

    public static Path copy(Path target, LoopbackSshd sshd) throws IOException {
        return copy(target, Map.of("@PORT_A@", String.valueOf(sshd.server(0).port()),
                "@PORT_B@", String.valueOf(sshd.servers().size() > 1 ? sshd.server(1).port() : sshd.server(0).port())));
    }

    public static Path copy(Path target, Map<String, String> replacements) throws IOException {
        return copyFromJar(target, replacements);
    }

    /** The files listed in index.txt, read as resources: from the test classes or from the engine's test-jar. */
    private static Path copyFromJar(Path target, Map<String, String> replacements) throws IOException {
        try (InputStream index = FakeSite.class.getResourceAsStream(RESOURCE + "/index.txt")) {
            if (index == null) {
                throw new IOException(RESOURCE + "/index.txt is missing");
            }
            List<String> names = new String(index.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
            for (String name : names) {
                try (InputStream in = FakeSite.class.getResourceAsStream(RESOURCE + "/" + name)) {
                    if (in == null) {
                        throw new IOException(RESOURCE + "/" + name + " is missing");
                    }
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    for (Map.Entry<String, String> r : replacements.entrySet()) {
                        text = text.replace(r.getKey(), r.getValue());
                    }
                    Path destination = target.resolve(name);
                    Files.createDirectories(destination.getParent());
                    Files.writeString(destination, text, StandardCharsets.UTF_8);
                }
            }
        }
        return target;
    }
}
