package dev.digitgan.trainer.training;

import dev.digitgan.model.events.TrainingRequest;
import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.spec.Presets;

/** The {@link GanSpec} a training request asks for: its preset with the request's overrides applied. */
public final class RunSpecs {

    /** Largest batch accepted: beyond it a step needs gigabytes and MNIST's 60,000 images make few steps. */
    public static final int MAX_BATCH_SIZE = 8192;

    private RunSpecs() {
    }

    /**
     * @throws IllegalArgumentException naming the field, for an unknown preset or an override the spec rejects
     */
    public static GanSpec resolve(TrainingRequest request) {
        GanSpec spec = Presets.byName(request.preset());
        if (request.batchSize() != null) {
            if (request.batchSize() > MAX_BATCH_SIZE) {
                throw new IllegalArgumentException("batchSize must be at most " + MAX_BATCH_SIZE + ", got "
                        + request.batchSize());
            }
            spec = spec.withBatchSize(request.batchSize());
        }
        if (request.generatorLearningRate() != null) {
            spec = spec.withGeneratorLearningRate(request.generatorLearningRate());
        }
        if (request.discriminatorLearningRate() != null) {
            spec = spec.withDiscriminatorLearningRate(request.discriminatorLearningRate());
        }
        if (request.seed() != null) {
            spec = spec.withSeed(request.seed());
        }
        return spec;
    }
}
