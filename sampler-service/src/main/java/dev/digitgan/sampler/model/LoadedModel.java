package dev.digitgan.sampler.model;

/** A generator ready to serve, with what users are told about it. Never changes once built; swaps replace it. */
public record LoadedModel(ModelInfo info, GeneratorPool pool) {

    public String modelVersion() {
        return info.modelVersion();
    }
}
