package dev.digitgan.trainer.kafka;

import org.apache.kafka.common.errors.RetriableException;

/**
 * A run's transaction failed on a transient error and was aborted: none of its records is visible to the
 * (read_committed) readers, so sending them again in a new transaction is safe ({@link AckWait} does).
 */
public final class AbortedTransactionException extends RetriableException {

    public AbortedTransactionException(String message, Throwable cause) {
        super(message, cause);
    }
}
