package dev.digitgan.model.checkpoint;

/**
 * A checkpoint refused before anything in it is used: an entry this build never reads (a DL4J
 * {@code preprocessor.bin}, which ModelSerializer would hand to {@code ObjectInputStream}), more entries or more
 * inflated bytes than {@link CheckpointLimits} allow, or a spec asking for a network larger than they allow.
 */
public class CheckpointRefusedException extends CheckpointException {

    public CheckpointRefusedException(String message) {
        super(message);
    }
}
