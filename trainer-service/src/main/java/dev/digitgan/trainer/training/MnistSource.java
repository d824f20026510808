package dev.digitgan.trainer.training;

import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.mnist.MnistFiles;
import dev.digitgan.model.mnist.MnistSplit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.jboss.logging.Logger;

/**
 * The MNIST training images, verified against their pinned SHA-256 and read once on first use (about 190 MB of
 * floats), shared by every run of this process; runs only read it. Optionally only the first N images, for quick
 * demos and tests. Verified like the command line's training (the same {@link MnistFiles#verify}): a damaged or
 * substituted file fails the first run and readiness, naming the file, instead of training on it.
 */
public final class MnistSource {

    private static final Logger LOG = Logger.getLogger(MnistSource.class);

    private final Path dir;
    private final OptionalInt maxImages;
    private volatile MnistDataset train;
    private volatile String problem;

    public MnistSource(Path dir, OptionalInt maxImages) {
        this.dir = dir;
        this.maxImages = maxImages;
        if (maxImages.isPresent() && maxImages.getAsInt() < 1) {
            throw new IllegalArgumentException("max-train-images must be >= 1, got " + maxImages.getAsInt());
        }
    }

    public Path dir() {
        return dir;
    }

    /**
     * @throws UncheckedIOException when the files are missing or malformed, saying to run scripts/fetch-mnist.sh
     */
    public MnistDataset train() {
        MnistDataset loaded = train;
        if (loaded == null) {
            synchronized (this) {
                loaded = train;
                if (loaded == null) {
                    try {
                        loaded = load();
                    } catch (RuntimeException e) {
                        problem = e.getMessage();
                        throw e;
                    }
                    train = loaded;
                    problem = null;
                }
            }
        }
        return loaded;
    }

    /** Why the last load failed, if it did and none succeeded since; for the readiness check. */
    public java.util.Optional<String> problem() {
        return java.util.Optional.ofNullable(problem);
    }

    /** True once the images are in memory. */
    public boolean loaded() {
        return train != null;
    }

    private MnistDataset load() {
        if (!Files.isDirectory(dir)) {
            throw new UncheckedIOException(new IOException("MNIST directory " + dir.toAbsolutePath()
                    + " does not exist; run scripts/fetch-mnist.sh (or set DIGITGAN_MNIST_DIR)"));
        }
        try {
            MnistFiles.verify(dir);
            MnistDataset all = MnistDataset.load(dir, MnistSplit.TRAIN);
            MnistDataset used = maxImages.isPresent() && maxImages.getAsInt() < all.size()
                    ? all.first(maxImages.getAsInt()) : all;
            LOG.infof("MNIST training images: %d of %d from %s", used.size(), all.size(), dir.toAbsolutePath());
            return used;
        } catch (IOException e) {
            String hint = e.getMessage() != null && e.getMessage().contains("fetch-mnist.sh") ? ""
                    : " (run scripts/fetch-mnist.sh)";
            throw new UncheckedIOException("cannot read MNIST from " + dir.toAbsolutePath() + ": " + e.getMessage()
                    + hint, e);
        }
    }
}
