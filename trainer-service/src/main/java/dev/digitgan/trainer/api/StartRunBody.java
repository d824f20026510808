package dev.digitgan.trainer.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /runs}. Only {@code epochs} is required; everything else falls back to the preset.
 * Unknown fields are rejected, so that a typo ("epoch") is a 400 and not a silently ignored setting.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(description = "A training run to start")
public record StartRunBody(
        @Schema(description = "Run id (a-z, 0-9, '-', up to 63); generated when absent", example = "mlp-demo")
        String runId,
        @Schema(description = "Preset name: mlp, seed, dcgan, cmlp or cdcgan (Presets.names()); default mlp",
                example = "mlp")
        String preset,
        @Schema(description = "Epochs to train, 1.." + RunRequests.MAX_EPOCHS, required = true, example = "5")
        Integer epochs,
        @Schema(description = "Images per step; default the preset's", example = "256")
        Integer batchSize,
        @Schema(description = "Adam learning rate of G, in (0, 1); default the preset's", example = "0.001")
        Double generatorLearningRate,
        @Schema(description = "Adam learning rate of D, in (0, 1); default the preset's", example = "0.001")
        Double discriminatorLearningRate,
        @Schema(description = "Store a checkpoint every N steps as well as at each epoch end", example = "100")
        Integer checkpointIntervalSteps,
        @Schema(description = "Seed of weights, shuffling and noise; default the preset's", example = "42")
        Long seed) {
}
