package dev.digitgan.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.mnist.MnistSplit;
import dev.digitgan.model.mnist.RepoRoot;
import dev.digitgan.model.nets.GanModel;
import dev.digitgan.model.nets.GanNetworks;
import dev.digitgan.model.quality.QualityEvaluator;
import dev.digitgan.model.quality.QualityScores;
import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.spec.Presets;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The label reaches G and D, the weight average follows G, and a briefly trained cmlp draws the digit asked for. */
class ConditionalGanTest {

    private static final int BATCH = 32;
    private final MnistDataset data = SyntheticDigits.of(4 * BATCH, 3);

    private static List<GanSpec> specs() {
        return List.of(Presets.cmlp().withBatchSize(BATCH), Presets.cdcgan().withBatchSize(8));
    }

    @Test
    void theLabelReachesTheGenerator() {
        for (GanSpec spec : specs()) {
            Generator g = Generator.of(GanNetworks.create(spec).servedGenerator(), spec);
            assertThat(g.classes()).isEqualTo(10);
            assertThat(g.latentSize()).isEqualTo(spec.latentSize());
            float[] z = new LatentSource(spec.latentSize(), 3).sample(0, 1);
            float[] three = g.generate(z, new int[] {3}, 1);
            float[] seven = g.generate(z, new int[] {7}, 1);
            assertThat(seven).as(spec.preset()).isNotEqualTo(three);
            assertThat(g.generate(z, new int[] {3}, 1)).as("same z and label, same image").isEqualTo(three);
        }
    }

    @Test
    void theLabelReachesTheDiscriminator() {
        for (GanSpec spec : specs()) {
            INDArray real = new EpochBatches(data, spec.batchSize(), spec.seed()).epoch(0, 0).next().dup();
            int[] zeros = new int[spec.batchSize()];
            int[] nines = new int[spec.batchSize()];
            Arrays.fill(nines, 9);
            GanTrainer a = new GanTrainer(GanNetworks.create(spec));
            GanTrainer b = new GanTrainer(GanNetworks.create(spec));
            a.discriminatorStep(real, zeros, 0);
            b.discriminatorStep(real, nines, 0);
            assertThat(a.model().discriminator().params()).as(spec.preset() + ": D learns the digit of real images")
                    .isNotEqualTo(b.model().discriminator().params());
            // D's output: the real/fake unit, then one per class
            assertThat(a.model().discriminator().output(real, false).columns()).isEqualTo(11);
        }
    }

    @Test
    void aConditionalModelRefusesUnlabelledRealImages() {
        GanSpec spec = Presets.cmlp().withBatchSize(BATCH);
        GanTrainer trainer = new GanTrainer(GanNetworks.create(spec));
        INDArray real = new EpochBatches(data, BATCH, spec.seed()).epoch(0, 0).next();
        assertThatThrownBy(() -> trainer.step(real, 0)).hasMessageContaining("labelled images");
    }

    @Test
    void anUnconditionalGeneratorRefusesALabel() {
        Generator g = new Generator(GanNetworks.generator(Presets.mlp()));
        float[] z = new LatentSource(100, 1).sample(0, 1);
        assertThatThrownBy(() -> g.generate(z, new int[] {1}, 1)).hasMessageContaining("unconditional");
        Generator c = new Generator(GanNetworks.generator(Presets.cmlp()), 10);
        assertThatThrownBy(() -> c.generate(z, new int[] {10}, 1)).hasMessageContaining("outside 0..9");
    }

    @Test
    void theWeightAverageMovesTowardsGAndIsWhatIsServed() {
        GanSpec spec = Presets.cmlp().withBatchSize(BATCH).withEmaDecay(0.99);
        GanModel model = GanNetworks.create(spec);
        GanTrainer trainer = new GanTrainer(model);
        assertThat(model.servedGenerator()).isSameAs(model.average());
        assertThat(model.average().params()).isEqualTo(model.generator().params());
        EpochBatches labelled = new EpochBatches(data, BATCH, spec.seed());
        Iterator<INDArray> it = labelled.epoch(0, 0);
        INDArray before = model.average().params().dup();
        trainer.step(it.next(), labelled.labels(), 0);
        INDArray g = model.generator().params();
        // step 0: d = min(0.99, 1/10) = 0.1, so avg = 0.1 before + 0.9 G
        INDArray expected = before.mul(0.1).addi(g.mul(0.9));
        assertThat(model.average().params().equalsWithEps(expected, 1e-6)).isTrue();
        assertThat(model.average().params()).isNotEqualTo(g);
    }

    @Test
    void withoutAnAverageTheServedGeneratorIsG() {
        GanModel model = GanNetworks.create(Presets.cmlp().withEmaDecay(0));
        assertThat(model.average()).isNull();
        assertThat(model.servedGenerator()).isSameAs(model.generator());
    }

    /** On real MNIST: 3 epochs of an 8,192-image subset (384 steps of 64); chance is 10 %. */
    @Test
    void aBrieflyTrainedConditionalMlpDrawsTheDigitAskedFor() throws IOException {
        RepoRoot.requireMnist();
        MnistDataset mnist = MnistDataset.load(RepoRoot.mnistDir(), MnistSplit.TRAIN).first(8192);
        GanSpec spec = Presets.cmlp().withBatchSize(64);
        GanTrainer trainer = new GanTrainer(GanNetworks.create(spec));
        EpochBatches batches = new EpochBatches(mnist, spec.batchSize(), spec.seed());
        long step = 0;
        for (int epoch = 0; epoch < 3; epoch++) {
            Iterator<INDArray> it = batches.epoch(epoch, 0);
            while (it.hasNext()) {
                trainer.step(it.next(), batches.labels(), step++);
            }
        }
        QualityScores scores = QualityEvaluator.shipped().score(
                Generator.of(trainer.model().servedGenerator(), spec), 1000);
        assertThat(scores.labelAccuracy()).as(scores.summary()).isGreaterThan(0.5);
    }
}
