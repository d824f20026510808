package dev.digitgan.sampler.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.digitgan.model.quality.EvaluationProtocol;
import dev.digitgan.model.quality.QualityScores;
import dev.digitgan.sampler.TinyGenerators;
import dev.digitgan.sampler.tools.GeneratorOnlyCheckpoint;
import dev.digitgan.sampler.tools.ScoreShippedModel;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The scores shipped beside the shipped model are what the evaluator measures on it now: recomputed in every
 * build, so a new generator, a new evaluator or a new evaluation protocol cannot leave them stale.
 */
class ShippedScoreTest {

    private static final String FOLDER = "shipped-model";

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = ShippedScoreTest.class.getClassLoader().getResourceAsStream(FOLDER + "/" + name)) {
            assertThat(in).as("classpath resource %s/%s", FOLDER, name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void theShippedScoresAreWhatTheEvaluatorMeasuresOnTheShippedGenerator() throws Exception {
        byte[] zip = resource(ShippedModel.FILE);
        ShippedScore stored = ShippedScore.read(resource(ShippedScore.FILE));
        ShippedScore measured = ScoreShippedModel.measure(zip);
        String fix = "; train-shipped-model.sh 0 rescores it (now measured: "
                + new String(measured.toJson(), java.nio.charset.StandardCharsets.UTF_8) + ")";

        assertThat(stored.checkpointSha256()).as("the zip that was scored" + fix).isEqualTo(ModelLoader.sha256(zip));
        assertThat(stored.latentSeed()).as("the evaluation z" + fix).isEqualTo(EvaluationProtocol.LATENT_SEED);
        QualityScores s = stored.quality();
        QualityScores m = measured.quality();
        assertThat(s.evaluator()).as("the evaluator" + fix).isEqualTo(m.evaluator());
        assertThat(s.samples()).as("N" + fix).isEqualTo(EvaluationProtocol.CHECKPOINT_SAMPLES).isEqualTo(m.samples());
        assertThat(s.labelAccuracy()).as("a conditional model's label accuracy" + fix).isNotNull()
                .isCloseTo(m.labelAccuracy(), within(1e-4));
        // Same weights, z and classifier give the same figures; the tolerance only allows for another CPU's
        // floating-point order in the BLAS kernels.
        assertThat(s.frechetDistance()).as("Fréchet distance" + fix)
                .isCloseTo(m.frechetDistance(), within(1e-4 * Math.max(1, m.frechetDistance())));
        assertThat(s.inceptionScore()).as("Inception Score" + fix).isCloseTo(m.inceptionScore(), within(1e-4));
        assertThat(s.labelEntropyBits()).as("label entropy" + fix).isCloseTo(m.labelEntropyBits(), within(1e-4));
    }

    @Test
    void theServiceReadsTheShippedModelWithItsScores() throws Exception {
        ShippedModel shipped = ShippedModel.fromClasspath(getClass().getClassLoader(), FOLDER).orElseThrow();
        assertThat(shipped.info().quality()).isEqualTo(ShippedScore.read(resource(ShippedScore.FILE)).quality());
    }

    @Test
    void scoresOfOtherBytesAreRefused() throws Exception {
        var gan = dev.digitgan.model.nets.GanNetworks.create(TinyGenerators.spec(5));
        byte[] zip = GeneratorOnlyCheckpoint.write(TinyGenerators.manifest("shipped-mlp", 1, gan.spec()),
                gan.generator());
        ShippedScore ofOther = new ShippedScore("0".repeat(64), EvaluationProtocol.LATENT_SEED,
                new QualityScores(10, 5, 3, null, 2000, "mnist-cnn-0123456789ab"));
        assertThatThrownBy(() -> ShippedModel.of(zip, ofOther)).hasMessageContaining("not the shipped one");
        ShippedScore otherZ = new ShippedScore(ModelLoader.sha256(zip), EvaluationProtocol.LATENT_SEED + 1,
                ofOther.quality());
        assertThatThrownBy(() -> ShippedModel.of(zip, otherZ)).hasMessageContaining("evaluation z");
        ShippedScore right = new ShippedScore(ModelLoader.sha256(zip), EvaluationProtocol.LATENT_SEED,
                ofOther.quality());
        assertThat(ShippedModel.of(zip, right).info().quality()).isEqualTo(ofOther.quality());
        assertThat(ShippedScore.read(right.toJson())).isEqualTo(right);
    }
}
