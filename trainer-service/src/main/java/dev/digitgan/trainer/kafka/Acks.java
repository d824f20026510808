package dev.digitgan.trainer.kafka;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for Kafka's acknowledgement of a {@link TrainerEvents} send, on threads that may block. */
public final class Acks {

    private Acks() {
    }

    /** Thrown when Kafka refused a record or did not acknowledge it in time. */
    public static final class NotAcknowledgedException extends RuntimeException {
        NotAcknowledgedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static void await(CompletionStage<Void> sent, Duration timeout) {
        try {
            sent.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new NotAcknowledgedException("Kafka did not accept the message: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new NotAcknowledgedException("Kafka did not acknowledge the message within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotAcknowledgedException("interrupted while waiting for Kafka", e);
        }
    }
}
