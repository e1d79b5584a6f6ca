package io.kubemagic.engine.clair;

import io.kubemagic.engine.registry.ResolvedImage;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Hands an image's layers to Clair and reads back what is vulnerable in it. */
public interface ClairScanner {

    /** The findings (not yet classified) of one resolved image; {@code requests} counts the HTTP calls made. */
    List<Finding> scan(ResolvedImage image, AtomicInteger requests);
}
