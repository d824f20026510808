package dev.digitgan.sampler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.checkpoint.CheckpointFormat;
import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.mnist.MnistSplit;
import dev.digitgan.model.quality.EvaluationProtocol;
import dev.digitgan.model.quality.QualityEvaluator;
import dev.digitgan.model.quality.QualityScores;
import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.train.Generator;
import dev.digitgan.sampler.model.ShippedModel;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How much the Fréchet distance of one generator moves with the z it is measured on, at the checkpoint N: the
 * noise of the estimate, which the {@code best} policy's margin ({@code digitgan.sampler.best-margin}) must exceed
 * so that a promotion means a better model rather than a luckier draw. Scores the shipped generator on
 * {@code -Dmargin.draws=} (default 20) independent z sets of {@link EvaluationProtocol#CHECKPOINT_SAMPLES} and
 * prints the spread.
 *
 * <pre>
 * mvn -B -pl sampler-service -am test -Pslow -Dtest=BestMarginBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@Tag("slow")
class BestMarginBenchmarkTest {

    @Test
    void printsHowMuchTheFrechetDistanceOfOneGeneratorMovesWithItsZ() throws Exception {
        int draws = Integer.getInteger("margin.draws", 20);
        int n = EvaluationProtocol.CHECKPOINT_SAMPLES;
        Generator generator;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("shipped-model/" + ShippedModel.FILE)) {
            assertThat(in).as("the shipped model").isNotNull();
            generator = new Generator(CheckpointFormat.readGeneratorOnly(new ByteArrayInputStream(in.readAllBytes()))
                    .generator());
        }
        QualityEvaluator evaluator = QualityEvaluator.shipped();
        double[] fd = new double[draws];
        double[] is = new double[draws];
        for (int i = 0; i < draws; i++) {
            QualityScores s = evaluator.score(generator.generate(1_000L + i, n), n);
            fd[i] = s.frechetDistance();
            is[i] = s.inceptionScore();
        }
        QualityScores protocol = evaluator.score(generator, n);
        double mean = Arrays.stream(fd).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(fd).map(x -> (x - mean) * (x - mean)).sum() / (draws - 1));
        double[] sorted = fd.clone();
        Arrays.sort(sorted);
        double isMean = Arrays.stream(is).average().orElseThrow();
        double isSd = Math.sqrt(Arrays.stream(is).map(x -> (x - isMean) * (x - isMean)).sum() / (draws - 1));
        System.out.printf(Locale.ROOT, "shipped generator, N = %d, %d z sets (seeds 1000..%d), evaluator %s:%n"
                        + "  FD mean %.3f, sd %.3f, min %.3f, max %.3f, max - min %.3f%n"
                        + "  IS mean %.3f, sd %.3f%n"
                        + "  FD on the evaluation z (EvaluationProtocol): %.3f%n",
                n, draws, 999 + draws, evaluator.id(), mean, sd, sorted[0], sorted[draws - 1],
                sorted[draws - 1] - sorted[0], isMean, isSd, protocol.frechetDistance());
        assertThat(sd).as("the spread is measurable").isGreaterThan(0);

        // The same for real digits (a far lower FD): does the noise scale with the distance?
        Path mnist = Path.of(System.getProperty("mnist.dir", "../data/mnist"));
        assertThat(mnist.resolve("train-images-idx3-ubyte")).as("MNIST (scripts/fetch-mnist.sh)").exists();
        MnistDataset train = MnistDataset.load(mnist, MnistSplit.TRAIN);
        Random random = new Random(42);
        double[] real = new double[draws];
        for (int i = 0; i < draws; i++) {
            float[] images = new float[n * GanSpec.IMAGE_PIXELS];
            int[] picked = random.ints(0, train.size()).distinct().limit(n).toArray();
            for (int k = 0; k < n; k++) {
                System.arraycopy(train.image(picked[k]), 0, images, k * GanSpec.IMAGE_PIXELS, GanSpec.IMAGE_PIXELS);
            }
            real[i] = evaluator.score(images, n).frechetDistance();
        }
        double realMean = Arrays.stream(real).average().orElseThrow();
        double realSd = Math.sqrt(Arrays.stream(real).map(x -> (x - realMean) * (x - realMean)).sum() / (draws - 1));
        System.out.printf(Locale.ROOT, "real training digits, N = %d, %d random subsets: FD mean %.3f, sd %.3f"
                + " (sd / mean %.1f %%; shipped generator %.1f %%)%n", n, draws, realMean, realSd,
                100 * realSd / realMean, 100 * sd / mean);
    }
}
