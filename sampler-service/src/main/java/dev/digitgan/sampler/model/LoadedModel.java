package dev.digitgan.sampler.model;

/**
 * A generator ready to serve, with what users are told about it. Never changes once built; swaps replace it.
 * {@code info.classes()} is the pool's: the loader takes both from the checkpoint's manifest.
 */
public record LoadedModel(ModelInfo info, GeneratorPool pool) {

    public LoadedModel {
        if (info.classes() != pool.classes()) {
            throw new IllegalArgumentException(info.modelVersion() + " is described with " + info.classes()
                    + " classes but its generator takes " + pool.classes());
        }
    }

    public String modelVersion() {
        return info.modelVersion();
    }

    public boolean conditional() {
        return pool.conditional();
    }
}
