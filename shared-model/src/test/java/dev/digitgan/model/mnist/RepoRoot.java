package dev.digitgan.model.mnist;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root from tests, so data/mnist is found whatever the working directory. */
public final class RepoRoot {

    /** Set by surefire (root pom) to the multi-module project directory. */
    public static final String PROPERTY = "digitgan.repo.root";

    private RepoRoot() {
    }

    public static Path find() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        // Run from an IDE without surefire: walk up to the directory that holds the module folders.
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("shared-model"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root not found: set -D" + PROPERTY
                + " or run from inside the repository");
    }

    /** The default MNIST directory, {@code data/mnist} under the root. */
    public static Path mnistDir() {
        return find().resolve(MnistFiles.DEFAULT_DIR);
    }

    /** True when the four MNIST files are present (not verified: that is what the tests do). */
    public static boolean mnistPresent() {
        Path dir = mnistDir();
        return MnistFiles.fileNames().stream().allMatch(name -> Files.isRegularFile(dir.resolve(name)));
    }

    /**
     * Fails (never skips) a test that needs the real MNIST when the files are not there: a suite that lacks its
     * data must say so, not pass by doing less.
     */
    public static void requireMnist() {
        if (!mnistPresent()) {
            throw new AssertionError("this test needs MNIST in " + mnistDir() + ", which lacks some of "
                    + MnistFiles.fileNames() + "; run scripts/fetch-mnist.sh (./digitgan test does)");
        }
    }
}
