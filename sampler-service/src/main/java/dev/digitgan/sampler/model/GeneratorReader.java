package dev.digitgan.sampler.model;

import dev.digitgan.model.checkpoint.CheckpointFormat;
import dev.digitgan.model.checkpoint.CheckpointRefusedException;
import dev.digitgan.model.checkpoint.GeneratorCheckpoint;
import dev.digitgan.model.checkpoint.ParameterCountException;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Turns checkpoint bytes ({@link CheckpointFormat}) into the generator and its manifest, and nothing else
 * of the checkpoint: the sampler never needs D or the optimiser state, and the format puts G second so
 * the rest is never parsed. The generator is rebuilt from the manifest's spec and only its parameters are
 * read, so the bytes from S3 are data: nothing in them names a class or is deserialised as an object.
 */
public final class GeneratorReader {

    /**
     * @throws ModelRejectedException {@link RejectReason#REFUSED} for an entry the format never reads or a size past
     *                                its limits, {@link RejectReason#WRONG_SHAPE} when the parameters do not fit the
     *                                spec, {@link RejectReason#CORRUPT} when the bytes are not a checkpoint (or the
     *                                generator entry fails the manifest's own hash)
     */
    public GeneratorCheckpoint read(byte[] checkpoint) throws ModelRejectedException {
        try {
            return CheckpointFormat.readGeneratorOnly(new ByteArrayInputStream(checkpoint));
        } catch (CheckpointRefusedException e) {
            throw new ModelRejectedException(RejectReason.REFUSED, "refused checkpoint: " + describe(e), e);
        } catch (ParameterCountException e) {
            throw new ModelRejectedException(RejectReason.WRONG_SHAPE, "parameters do not fit the spec: "
                    + describe(e), e);
        } catch (IOException | RuntimeException e) {
            throw new ModelRejectedException(RejectReason.CORRUPT, "not a readable checkpoint: " + describe(e), e);
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
