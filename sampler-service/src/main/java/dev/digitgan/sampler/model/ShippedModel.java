package dev.digitgan.sampler.model;

import java.util.Optional;

/**
 * The pretrained generator kept in the jar, served from the first second until a checkpoint arrives
 * (and reachable again by pinning or rolling back to its version).
 *
 * @param generator the checkpoint bytes, empty when the build ships none
 */
public record ShippedModel(ModelInfo info, Optional<byte[]> generator) {

    public static ShippedModel none() {
        return new ShippedModel(null, Optional.empty());
    }

    public boolean present() {
        return info != null && generator.isPresent();
    }

    public boolean is(String modelVersion) {
        return present() && info.modelVersion().equals(modelVersion);
    }

    /** No hash check: the bytes come from our own jar, not from the network. */
    public LoadedModel load(ModelLoader loader) throws ModelRejectedException {
        if (!present()) {
            throw new IllegalStateException("no shipped model in this build");
        }
        return loader.load(info, generator.get(), null);
    }
}
