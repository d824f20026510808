package dev.digitgan.model.quality;

import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.spec.GanSpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Trains the evaluator's classifier on the MNIST training set, reproducibly: the shuffle, the augmentation and the
 * dropout masks of every step come from the recipe's seed, and with one ND4J thread the same recipe gives the same
 * parameters. Never looks at the test set (the caller measures on it afterwards).
 */
final class ClassifierTrainer {

    /**
     * How the shipped classifier was trained.
     *
     * @param epochs        passes over the training set
     * @param batchSize     images per step
     * @param learningRate  Adam's rate at the first step
     * @param decayPerEpoch factor on the rate per epoch (applied smoothly per step)
     * @param maxShift      augmentation: each image is shifted by up to this many pixels in x and y (background
     *                      fills in), so the classifier does not rely on MNIST's exact centring, which a generator
     *                      need not reproduce
     */
    record Recipe(long seed, int epochs, int batchSize, double learningRate, double decayPerEpoch, int maxShift) {
        static final Recipe SHIPPED = new Recipe(20_251_201L, 12, 128, 1e-3, 0.8, 2);

        Recipe {
            if (epochs <= 0 || batchSize <= 0 || learningRate <= 0 || decayPerEpoch <= 0 || maxShift < 0) {
                throw new IllegalArgumentException("invalid recipe " + epochs + " epochs, batch " + batchSize
                        + ", lr " + learningRate + ", decay " + decayPerEpoch + ", shift " + maxShift);
            }
        }
    }

    private static final int SIDE = GanSpec.IMAGE_SIDE;
    private static final int PIXELS = GanSpec.IMAGE_PIXELS;
    private static final float BACKGROUND = -1f;

    private ClassifierTrainer() {
    }

    /** Trains on {@code train}; {@code progress} receives one line per epoch. */
    static MultiLayerNetwork train(MnistDataset train, Recipe recipe, Consumer<String> progress) {
        int steps = train.size() / recipe.batchSize();
        if (steps == 0) {
            throw new IllegalArgumentException("the training set has " + train.size()
                    + " images, fewer than one batch");
        }
        double gamma = Math.pow(recipe.decayPerEpoch(), 1.0 / steps);
        MultiLayerNetwork net = ClassifierNetwork.forTraining(recipe.seed(),
                new ExponentialSchedule(ScheduleType.ITERATION, recipe.learningRate(), gamma));
        SplittableRandom random = new SplittableRandom(recipe.seed());
        int batch = recipe.batchSize();
        float[] x = new float[batch * PIXELS];
        float[] y = new float[batch * ClassifierNetwork.CLASSES];
        int[] order = identity(train.size());
        for (int epoch = 0; epoch < recipe.epochs(); epoch++) {
            long start = System.nanoTime();
            shuffle(order, random);
            double lossSum = 0;
            for (int step = 0; step < steps; step++) {
                Arrays.fill(y, 0f);
                for (int r = 0; r < batch; r++) {
                    int image = order[step * batch + r];
                    shift(train.images(), image * PIXELS, x, r * PIXELS,
                            random.nextInt(-recipe.maxShift(), recipe.maxShift() + 1),
                            random.nextInt(-recipe.maxShift(), recipe.maxShift() + 1));
                    y[r * ClassifierNetwork.CLASSES + train.label(image)] = 1f;
                }
                // dropout masks come from ND4J's RNG: seed it per step so they depend on (seed, step) only
                Nd4j.getRandom().setSeed(random.nextLong());
                net.fit(Nd4j.create(x, new long[] {batch, PIXELS}, 'c'),
                        Nd4j.create(y, new long[] {batch, ClassifierNetwork.CLASSES}, 'c'));
                lossSum += net.score();
            }
            progress.accept(String.format(Locale.ROOT, "epoch %d/%d: mean loss %.4f, %.0f s",
                    epoch + 1, recipe.epochs(), lossSum / steps, (System.nanoTime() - start) / 1e9));
        }
        return net;
    }

    /** Copies one 28x28 image translated by (dx, dy) pixels; uncovered pixels are background. */
    static void shift(float[] source, int sourceOffset, float[] target, int targetOffset, int dx, int dy) {
        for (int row = 0; row < SIDE; row++) {
            int sourceRow = row - dy;
            for (int col = 0; col < SIDE; col++) {
                int sourceCol = col - dx;
                boolean inside = sourceRow >= 0 && sourceRow < SIDE && sourceCol >= 0 && sourceCol < SIDE;
                target[targetOffset + row * SIDE + col] =
                        inside ? source[sourceOffset + sourceRow * SIDE + sourceCol] : BACKGROUND;
            }
        }
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
