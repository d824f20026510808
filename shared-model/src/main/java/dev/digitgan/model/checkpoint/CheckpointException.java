package dev.digitgan.model.checkpoint;

import java.io.IOException;

/** A checkpoint that cannot be used: not a zip, truncated, missing an entry, wrong hash, unreadable network. */
public class CheckpointException extends IOException {

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
