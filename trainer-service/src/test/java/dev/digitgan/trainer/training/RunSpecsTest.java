package dev.digitgan.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.TrainingRequest;
import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.spec.Presets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunSpecsTest {

    private static TrainingRequest request(String preset, Integer batch, Double lrG, Double lrD, Long seed) {
        return new TrainingRequest(Event.SCHEMA_VERSION, "r1", preset, 1, batch, lrG, lrD, null, seed, "t",
                Instant.now());
    }

    @Test
    void withoutOverridesItIsThePreset() {
        assertThat(RunSpecs.resolve(request("dcgan", null, null, null, null))).isEqualTo(Presets.dcgan());
    }

    @Test
    void overridesReplaceOnlyTheirFields() {
        GanSpec spec = RunSpecs.resolve(request("mlp", 64, 2e-4, 3e-4, 7L));
        assertThat(spec.batchSize()).isEqualTo(64);
        assertThat(spec.generatorLearningRate()).isEqualTo(2e-4);
        assertThat(spec.discriminatorLearningRate()).isEqualTo(3e-4);
        assertThat(spec.seed()).isEqualTo(7L);
        assertThat(spec.withBatchSize(Presets.mlp().batchSize())
                .withGeneratorLearningRate(Presets.mlp().generatorLearningRate())
                .withDiscriminatorLearningRate(Presets.mlp().discriminatorLearningRate())
                .withSeed(Presets.mlp().seed()))
                .isEqualTo(Presets.mlp());
    }

    @Test
    void badValuesAreRejectedWithTheFieldNamed() {
        assertThatThrownBy(() -> RunSpecs.resolve(request("nope", null, null, null, null)))
                .hasMessageContaining("unknown preset 'nope'").hasMessageContaining("mlp");
        assertThatThrownBy(() -> RunSpecs.resolve(request("mlp", 100_000, null, null, null)))
                .hasMessageContaining("batchSize");
        assertThatThrownBy(() -> RunSpecs.resolve(request("mlp", null, 5.0, null, null)))
                .hasMessageContaining("generatorLearningRate");
    }
}
