package io.kubemagic.engine.registry;

import java.util.List;

/** The manifest and layer media types of the OCI image spec and of Docker's image manifest v2. */
public final class MediaTypes {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_V1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";
    public static final String DOCKER_V1 = "application/vnd.docker.distribution.manifest.v1+json";

    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
    public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
    public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public static final String DOCKER_FOREIGN_LAYER_GZIP = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

    /** What a manifest GET accepts: every single-image manifest and every index/list, OCI and Docker. */
    public static final List<String> ACCEPTED_MANIFESTS = List.of(OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_LIST);

    private MediaTypes() {
    }

    public static boolean isIndex(String mediaType) {
        return OCI_INDEX.equals(mediaType) || DOCKER_LIST.equals(mediaType);
    }

    public static boolean isManifest(String mediaType) {
        return OCI_MANIFEST.equals(mediaType) || DOCKER_MANIFEST.equals(mediaType);
    }

    /**
     * The OCI layer type of a layer, as Clair v4's manifest schema takes it (it accepts only the
     * {@code application/vnd.oci.image.layer.v1.tar[+gzip|+zstd]} forms); null when unknown, and
     * Clair then looks at the bytes itself.
     */
    public static String ociLayerType(String mediaType) {
        if (mediaType == null) {
            return null;
        }
        if (mediaType.endsWith("tar+gzip") || mediaType.endsWith("tar.gzip")) {
            return OCI_LAYER_GZIP;
        }
        if (mediaType.endsWith("tar+zstd") || mediaType.endsWith("tar.zstd")) {
            return OCI_LAYER_ZSTD;
        }
        if (mediaType.endsWith(".tar") || mediaType.endsWith(".diff.tar")) {
            return OCI_LAYER;
        }
        return null;
    }
}
