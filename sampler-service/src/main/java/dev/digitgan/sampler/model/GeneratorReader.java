package dev.digitgan.sampler.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Turns checkpoint bytes into the generator network, and nothing else of the checkpoint (the sampler
 * never needs D or the optimiser state). The one place that knows the checkpoint format.
 */
public final class GeneratorReader {

    /**
     * @throws ModelRejectedException {@link RejectReason#CORRUPT} when the bytes are not a checkpoint
     */
    public MultiLayerNetwork read(byte[] checkpoint) throws ModelRejectedException {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(checkpoint), false);
        } catch (IOException | RuntimeException e) {
            // DL4J reports a damaged zip as anything from IOException to NullPointerException.
            throw new ModelRejectedException(RejectReason.CORRUPT, "not a readable checkpoint: " + describe(e), e);
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
