package dev.digitgan.sampler.model;

/** Images made by one model from one seed, and what the response must say about them. */
public record Rendered(byte[] png, ModelInfo model, long seed) {
}
