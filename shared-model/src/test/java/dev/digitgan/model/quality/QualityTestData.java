package dev.digitgan.model.quality;

import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.mnist.MnistSplit;
import dev.digitgan.model.mnist.RepoRoot;
import java.io.IOException;
import java.io.UncheckedIOException;

/** MNIST for the quality tests, which need it: they fail (never skip) when it is missing. */
final class QualityTestData {

    private QualityTestData() {
    }

    static MnistDataset load(MnistSplit split) {
        if (!RepoRoot.mnistPresent()) {
            throw new AssertionError("the quality evaluator's tests need MNIST, which is not in " + RepoRoot.mnistDir()
                    + ": run scripts/fetch-mnist.sh (./digitgan test does)");
        }
        try {
            return MnistDataset.load(RepoRoot.mnistDir(), split);
        } catch (IOException e) {
            throw new UncheckedIOException("MNIST in " + RepoRoot.mnistDir() + " is unreadable", e);
        }
    }
}
