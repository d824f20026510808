package dev.digitgan.sampler.model;

import dev.digitgan.model.checkpoint.CheckpointManifest;
import dev.digitgan.model.checkpoint.GeneratorCheckpoint;
import dev.digitgan.model.train.Labels;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Builds a {@link LoadedModel} beside the live one and proves it can serve before anyone sees it: the
 * bytes must have the announced SHA-256, parse as a checkpoint, and a warm-up forward pass with a fixed
 * z (and, for a conditional model, every digit in turn) must give finite 28x28 images. The class count comes
 * from the manifest's spec, not the event's: the bytes say what the generator takes. The warm-up also pays
 * DL4J's first-call costs (workspace allocation) so the first user request after the swap is not the slow one.
 */
public final class ModelLoader {

    /** Seed of the fixed warm-up z: the same probe for every candidate. */
    static final long WARMUP_SEED = 20_260_101L;
    /** Ten, so that a conditional model draws every digit once in its warm-up. */
    static final int WARMUP_IMAGES = 10;

    private final GeneratorReader reader;
    private final int poolSize;

    public ModelLoader(GeneratorReader reader, int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be >= 1, got " + poolSize);
        }
        this.reader = reader;
        this.poolSize = poolSize;
    }

    /**
     * @param expectedSha256 lower-case hex, or null to skip the check (the shipped model, read from the jar)
     */
    public LoadedModel load(ModelInfo info, byte[] bytes, String expectedSha256) throws ModelRejectedException {
        if (expectedSha256 != null) {
            String actual = sha256(bytes);
            if (!actual.equals(expectedSha256)) {
                throw new ModelRejectedException(RejectReason.SHA_MISMATCH,
                        "SHA-256 of " + info.modelVersion() + " is " + actual + ", the event says " + expectedSha256);
            }
        }
        GeneratorCheckpoint checkpoint = reader.read(bytes);
        CheckpointManifest manifest = checkpoint.manifest();
        // An event pointing at another run's or version's object would serve the wrong model under the right name.
        if (!manifest.runId().equals(info.runId()) || manifest.version() != info.version()) {
            throw new ModelRejectedException(RejectReason.CORRUPT, "the checkpoint's manifest names "
                    + manifest.runId() + "@" + manifest.version() + ", expected " + info.modelVersion());
        }
        MultiLayerNetwork generator = checkpoint.generator();
        int classes = manifest.spec().classes();
        GeneratorPool pool;
        try {
            pool = new GeneratorPool(generator, poolSize, classes);
        } catch (RuntimeException e) {
            throw new ModelRejectedException(RejectReason.WRONG_SHAPE,
                    "cannot use " + info.modelVersion() + " as a generator: " + GeneratorReader.describe(e), e);
        }
        warmUp(info, pool);
        return new LoadedModel(info.withClasses(classes), pool);
    }

    /** Every copy runs the probe once, so each is warmed and each is checked. */
    private void warmUp(ModelInfo info, GeneratorPool pool) throws ModelRejectedException {
        float[] z = Latents.batch(WARMUP_SEED, 0, WARMUP_IMAGES, pool.latentSize());
        int[] labels = pool.conditional() ? Labels.cycle(WARMUP_IMAGES, pool.classes()) : null;
        for (int i = 0; i < pool.size(); i++) {
            float[] images;
            try {
                images = pool.generate(z, labels, WARMUP_IMAGES);
            } catch (RuntimeException e) {
                // Wrong layer sizes surface here: DL4J throws on a shape mismatch inside the forward pass.
                throw new ModelRejectedException(RejectReason.WRONG_SHAPE,
                        "warm-up of " + info.modelVersion() + " failed: " + GeneratorReader.describe(e), e);
            }
            for (int p = 0; p < images.length; p++) {
                if (!Float.isFinite(images[p])) {
                    throw new ModelRejectedException(RejectReason.NON_FINITE, "warm-up of " + info.modelVersion()
                            + " produced " + images[p] + " at pixel " + p);
                }
            }
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
