package dev.digitgan.model.quality;

import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.mnist.MnistFiles;
import dev.digitgan.model.mnist.MnistSplit;
import dev.digitgan.model.mnist.RepoRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Trains the evaluator's classifier with {@link ClassifierTrainer.Recipe#SHIPPED} on the 60,000 MNIST training
 * images, measures it once on the 10,000 test images, computes the test set's feature mean and covariance and
 * writes both files with their SHA-256 pins into {@code shared-model/src/main/resources/quality/} (or the folder
 * given as the first argument). Run by {@code scripts/train-classifier.sh}.
 */
public final class TrainClassifier {

    private TrainClassifier() {
    }

    public static void main(String[] args) throws IOException {
        Path root = RepoRoot.find();
        Path out = args.length > 0 ? Path.of(args[0]) : root.resolve(QualityResources.SOURCE_FOLDER);
        Path mnist = RepoRoot.mnistDir();
        MnistFiles.verify(mnist);
        MnistDataset train = MnistDataset.load(mnist, MnistSplit.TRAIN);
        MnistDataset test = MnistDataset.load(mnist, MnistSplit.TEST);
        ClassifierTrainer.Recipe recipe = ClassifierTrainer.Recipe.SHIPPED;
        System.out.printf(Locale.ROOT, "training the quality classifier: %s; OMP_NUM_THREADS=%s; load %s%n", recipe,
                System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset)"), QualityBenchmarks.loadAverage());
        long start = System.nanoTime();
        MultiLayerNetwork net = ClassifierTrainer.train(train, recipe, System.out::println);
        double trainingSeconds = (System.nanoTime() - start) / 1e9;

        MnistClassifier classifier = new MnistClassifier(net);
        double accuracy = classifier.accuracy(test);
        byte[] weights = ClassifierWeights.encode(net);
        byte[] testFeatures = classifier.classify(test.images(), test.size()).featureGaussian().encode();
        QualityResources.write(out, weights, testFeatures);
        System.out.printf(Locale.ROOT, "trained in %.0f s (load %s); test accuracy %.2f %% (%d of %d); "
                        + "weights %d bytes (%d parameters), test-set features %d bytes; written to %s%n",
                trainingSeconds, QualityBenchmarks.loadAverage(), accuracy * 100,
                Math.round(accuracy * test.size()), test.size(), weights.length, net.numParams(),
                testFeatures.length, out.toAbsolutePath());
    }
}
