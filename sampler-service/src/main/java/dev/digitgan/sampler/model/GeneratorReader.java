package dev.digitgan.sampler.model;

import dev.digitgan.model.checkpoint.CheckpointFormat;
import dev.digitgan.model.checkpoint.GeneratorCheckpoint;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Turns checkpoint bytes ({@link CheckpointFormat}) into the generator and its manifest, and nothing else
 * of the checkpoint: the sampler never needs D or the optimiser state, and the format puts G second so
 * the rest is never parsed.
 */
public final class GeneratorReader {

    /**
     * @throws ModelRejectedException {@link RejectReason#CORRUPT} when the bytes are not a checkpoint (or
     *                                the generator entry fails the manifest's own hash)
     */
    public GeneratorCheckpoint read(byte[] checkpoint) throws ModelRejectedException {
        try {
            return CheckpointFormat.readGeneratorOnly(new ByteArrayInputStream(checkpoint));
        } catch (IOException | RuntimeException e) {
            // DL4J reports a damaged network as anything from IOException to NullPointerException.
            throw new ModelRejectedException(RejectReason.CORRUPT, "not a readable checkpoint: " + describe(e), e);
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
