package dev.digitgan.sampler.model;

import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.quality.QualityScores;
import java.time.Instant;

/**
 * What the sampler tells users about a model: its name ({@code runId@version}) and how far its training
 * had come. Built from a checkpoint event, or from the metadata shipped beside the pretrained generator.
 *
 * @param source  {@code checkpoint} (from the event stream) or {@code shipped} (the cold-start model)
 * @param quality the evaluator's scores (the event's, or those stored beside the shipped model); null when unscored
 */
public record ModelInfo(
        String modelVersion,
        String runId,
        long version,
        String source,
        String preset,
        int epoch,
        long step,
        double discriminatorLoss,
        double generatorLoss,
        Instant createdAt,
        String sha256,
        QualityScores quality) {

    public static final String CHECKPOINT = "checkpoint";
    public static final String SHIPPED = "shipped";

    public static ModelInfo of(CheckpointEvent event) {
        return new ModelInfo(event.modelVersion(), event.runId(), event.version(), CHECKPOINT,
                event.spec().preset(), event.epoch(), event.step(), event.discriminatorLoss(),
                event.generatorLoss(), event.createdAt(), event.sha256(), event.quality());
    }
}
