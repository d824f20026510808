package dev.digitgan.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.mnist.MnistSplit;
import dev.digitgan.model.mnist.RepoRoot;
import dev.digitgan.model.nets.GanNetworks;
import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.spec.Presets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Learning without pictures, on real MNIST, in a few seconds: a short run of the default preset moves D(x) and
 * D(G(z)) as a GAN's do, and G's per-pixel mean image approaches the data's.
 */
class MnistLearningTest {

    private static final int BATCH = 64;
    private static final int STEPS = 240;

    @BeforeEach
    void requireData() {
        RepoRoot.requireMnist();
    }

    @Test
    void aShortRunLearnsLikeAGan() throws IOException {
        MnistDataset data = MnistDataset.load(RepoRoot.mnistDir(), MnistSplit.TRAIN);
        GanSpec spec = Presets.mlp().withBatchSize(BATCH);
        GanTrainer trainer = new GanTrainer(GanNetworks.create(spec));
        Generator generator = new Generator(trainer.model().generator());
        float[] dataMean = data.meanImage();
        double initialDistance = rmsToMean(generator.generate(7L, 500), 500, dataMean);

        Iterator<INDArray> batches = new EpochBatches(data, BATCH, spec.seed()).epoch(0, 0);
        List<StepResult> results = new ArrayList<>();
        for (int step = 0; step < STEPS; step++) {
            results.add(trainer.step(batches.next(), step));
        }
        double finalDistance = rmsToMean(generator.generate(7L, 500), 500, dataMean);

        // at the start D cannot tell: both readings near 1/2
        assertThat(results.get(0).dOfX()).isBetween(0.35, 0.65);
        assertThat(results.get(0).dOfGz()).isBetween(0.35, 0.65);
        // D learns first: it calls real images real and generated ones fake
        Window early = Window.of(results, 3, 20);
        assertThat(early.dOfX()).isGreaterThan(0.85);
        assertThat(early.dOfX() - early.dOfGz()).isGreaterThan(0.25);
        // then G fights back: D(x) falls from its early high and D's loss rises towards the equilibrium's log 4,
        // while D still ranks real above generated (it has not collapsed or swapped the labels)
        Window late = Window.of(results, STEPS - 60, STEPS);
        assertThat(late.dOfX()).isLessThan(early.dOfX() - 0.1);
        assertThat(late.dLoss()).isGreaterThan(early.dLoss() + 0.15);
        assertThat(late.dOfX()).isGreaterThan(late.dOfGz());
        // and the generated images' per-pixel mean moves towards the data's
        assertThat(finalDistance).isLessThan(0.6 * initialDistance);
        System.out.printf("early %s, late %s, mean-image distance %.3f -> %.3f%n", early, late, initialDistance,
                finalDistance);
    }

    static double rmsToMean(float[] images, int n, float[] mean) {
        int pixels = mean.length;
        double sum = 0;
        for (int p = 0; p < pixels; p++) {
            double m = 0;
            for (int i = 0; i < n; i++) {
                m += images[i * pixels + p];
            }
            double d = m / n - mean[p];
            sum += d * d;
        }
        return Math.sqrt(sum / pixels);
    }

    /** Mean readings over steps [from, to). */
    private record Window(double dOfX, double dOfGz, double dLoss) {
        static Window of(List<StepResult> results, int from, int to) {
            double x = 0;
            double gz = 0;
            double d = 0;
            for (StepResult r : results.subList(from, to)) {
                x += r.dOfX();
                gz += r.dOfGz();
                d += r.dLoss();
            }
            int n = to - from;
            return new Window(x / n, gz / n, d / n);
        }
    }
}
