package dev.digitgan.model.events;

import java.time.Instant;

/**
 * A request to train one run. Optional fields (null) fall back to the preset's values.
 *
 * @param preset                   a name known to {@code Presets}
 * @param epochs                   epochs to train, at least 1
 * @param checkpointIntervalSteps  store a checkpoint every this many steps (and at every epoch end); null: epoch
 *                                 ends only
 * @param seed                     seed for weights, shuffling and noise; null: the preset's
 */
public record TrainingRequest(
        int schemaVersion,
        String runId,
        String preset,
        int epochs,
        Integer batchSize,
        Double generatorLearningRate,
        Double discriminatorLearningRate,
        Integer checkpointIntervalSteps,
        Long seed,
        String requestedBy,
        Instant requestedAt) implements Event {

    public TrainingRequest {
        Checks.schema(schemaVersion);
        RunIds.requireValid(runId);
        Checks.present(preset, "preset");
        Checks.present(requestedAt, "requestedAt");
        if (epochs < 1) {
            throw new IllegalArgumentException("field 'epochs' must be >= 1, was " + epochs);
        }
        if (batchSize != null && batchSize < 1) {
            throw new IllegalArgumentException("field 'batchSize' must be >= 1, was " + batchSize);
        }
        if (checkpointIntervalSteps != null && checkpointIntervalSteps < 1) {
            throw new IllegalArgumentException("field 'checkpointIntervalSteps' must be >= 1, was "
                    + checkpointIntervalSteps);
        }
        positiveIfPresent(generatorLearningRate, "generatorLearningRate");
        positiveIfPresent(discriminatorLearningRate, "discriminatorLearningRate");
    }

    private static void positiveIfPresent(Double value, String field) {
        if (value != null && !(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException("field '" + field + "' must be a positive number, was " + value);
        }
    }
}
