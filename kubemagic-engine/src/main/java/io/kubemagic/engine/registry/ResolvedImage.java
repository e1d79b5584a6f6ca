package io.kubemagic.engine.registry;

import io.kubemagic.engine.console.SecretValue;

import java.util.List;
import java.util.Map;

/**
 * One image, resolved to the manifest of the wanted platform: its digest, its layers in order
 * (base first) with the URI each blob is fetched from, and the headers a scanner needs to fetch
 * them (the registry login or token, kept as secrets).
 *
 * @param indexDigest the digest of the index or manifest list the manifest was chosen from, or null
 */
public record ResolvedImage(ImageReference reference, String manifestDigest, String mediaType, String indexDigest,
                            String platform, List<Layer> layers, Map<String, SecretValue> blobHeaders) {

    public record Layer(String digest, String mediaType, long size, String uri) {
    }

    /** The image pinned to its manifest digest. */
    public ImageReference pinned() {
        return reference.withDigest(manifestDigest);
    }
}
