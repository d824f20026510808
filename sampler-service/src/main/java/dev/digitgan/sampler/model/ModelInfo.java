package dev.digitgan.sampler.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.quality.QualityScores;
import java.time.Instant;

/**
 * What the sampler tells users about a model: its name ({@code runId@version}) and how far its training
 * had come. Built from a checkpoint event, or from the metadata shipped beside the pretrained generator.
 *
 * @param source  {@code checkpoint} (from the event stream) or {@code shipped} (the cold-start model)
 * @param quality the evaluator's scores (the event's, or those stored beside the shipped model); null when unscored
 * @param classes labels the model draws on request: 0 (unconditional) or 10 (label k = digit k). The event's spec
 *                says it for a version not loaded yet; once loaded, the checkpoint manifest's spec does
 *                ({@link ModelLoader})
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
        QualityScores quality,
        int classes) {

    public static final String CHECKPOINT = "checkpoint";
    public static final String SHIPPED = "shipped";

    /** An unconditional model. */
    public ModelInfo(String modelVersion, String runId, long version, String source, String preset, int epoch,
                     long step, double discriminatorLoss, double generatorLoss, Instant createdAt, String sha256,
                     QualityScores quality) {
        this(modelVersion, runId, version, source, preset, epoch, step, discriminatorLoss, generatorLoss, createdAt,
                sha256, quality, 0);
    }

    public static ModelInfo of(CheckpointEvent event) {
        return new ModelInfo(event.modelVersion(), event.runId(), event.version(), CHECKPOINT,
                event.spec().preset(), event.epoch(), event.step(), event.discriminatorLoss(),
                event.generatorLoss(), event.createdAt(), event.sha256(), event.quality(), event.spec().classes());
    }

    /** Whether users can ask it for a digit (grid, digit, JSON, number and class-grid endpoints). */
    @JsonProperty("conditional")
    public boolean conditional() {
        return classes > 0;
    }

    public ModelInfo withClasses(int value) {
        return new ModelInfo(modelVersion, runId, version, source, preset, epoch, step, discriminatorLoss,
                generatorLoss, createdAt, sha256, quality, value);
    }
}
