package dev.digitgan.model.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.digitgan.model.mnist.RepoRoot;
import dev.digitgan.model.spec.Architecture;
import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.spec.Presets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The PyTorch reference benchmark (scripts/bench/pytorch_mlp_gan.py) carries a copy of the MLP presets, because it
 * runs without Java; this keeps the copy equal to {@link Presets}. Needs only python3 (the script imports torch
 * after answering {@code --print-presets}).
 */
class PytorchReferenceTest {

    private static final Path SCRIPT = RepoRoot.find().resolve("scripts/bench/pytorch_mlp_gan.py");

    @Test
    void theReferenceScriptHasEveryMlpPresetWithThePresetsNumbers() throws Exception {
        JsonNode copies = new ObjectMapper().readTree(printPresets());
        List<String> mlpPresets = new ArrayList<>();
        for (String name : Presets.names()) {
            GanSpec spec = Presets.byName(name);
            if (spec.architecture() != Architecture.MLP) {
                continue;
            }
            mlpPresets.add(name);
            JsonNode copy = copies.path(name);
            assertThat(copy.isObject()).as("preset %s in %s", name, SCRIPT).isTrue();
            assertThat(copy.path("latentSize").asInt()).as("%s latentSize", name).isEqualTo(spec.latentSize());
            assertThat(ints(copy.path("generatorHidden"))).as("%s generatorHidden", name)
                    .isEqualTo(spec.generatorHidden());
            assertThat(ints(copy.path("discriminatorHidden"))).as("%s discriminatorHidden", name)
                    .isEqualTo(spec.discriminatorHidden());
            assertThat(copy.path("generatorLearningRate").asDouble()).as("%s generatorLearningRate", name)
                    .isEqualTo(spec.generatorLearningRate());
            assertThat(copy.path("discriminatorLearningRate").asDouble()).as("%s discriminatorLearningRate", name)
                    .isEqualTo(spec.discriminatorLearningRate());
            assertThat(copy.path("beta1").asDouble()).as("%s beta1", name).isEqualTo(spec.beta1());
            assertThat(copy.path("dropoutKeep").asDouble()).as("%s dropoutKeep", name).isEqualTo(spec.dropoutKeep());
            assertThat(copy.path("batchSize").asInt()).as("%s batchSize", name).isEqualTo(spec.batchSize());
            assertThat(copy.path("classes").asInt(-1)).as("%s classes", name).isEqualTo(spec.classes());
            assertThat(copy.path("emaDecay").asDouble(-1)).as("%s emaDecay", name).isEqualTo(spec.emaDecay());
            // the reference has no label smoothing: a preset with it would do other work
            assertThat(spec.labelSmoothing()).as("%s labelSmoothing", name).isZero();
        }
        assertThat(copies.fieldNames()).toIterable().as("presets in %s", SCRIPT)
                .containsExactlyInAnyOrderElementsOf(mlpPresets);
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asInt()));
        return values;
    }

    private static String printPresets() throws IOException, InterruptedException {
        Process python = new ProcessBuilder("python3", SCRIPT.toString(), "--print-presets")
                .redirectErrorStream(true).start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(30, TimeUnit.SECONDS)).as("python3 %s --print-presets finished", SCRIPT).isTrue();
        assertThat(python.exitValue()).as("python3 %s --print-presets: %s", SCRIPT, out).isZero();
        assertThat(Files.isRegularFile(SCRIPT)).isTrue();
        return out;
    }
}
