package dev.digitgan.model.checkpoint;

/** The parameters stored for a network are not as many as its spec's architecture has. */
public class ParameterCountException extends CheckpointException {

    public ParameterCountException(String message) {
        super(message);
    }
}
