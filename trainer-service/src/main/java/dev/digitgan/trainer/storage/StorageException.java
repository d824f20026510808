package dev.digitgan.trainer.storage;

/** S3 refused or failed an operation; the message names the bucket and key. */
public class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
