package dev.digitgan.trainer.api;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/** The log of run-id claims ({@code Topics.RUN_IDS}) and a view of it: the I/O behind {@link RunIdClaimer}. */
public interface RunIdLog {

    /** Appends a claim; the stage completes when Kafka acknowledged it (acks=all), or fails with the reason. */
    CompletionStage<Void> append(RunIdClaim claim);

    /** The first claim of the id, as far as the view has read. */
    Optional<RunIdClaim> first(String runId);

    /** Waits until the view has read everything the topic held when this was called. */
    void awaitCaughtUp(Duration timeout) throws TimeoutException, InterruptedException;

    /** Partitions of the topic as the view last saw them (0 before it exists). */
    int partitions();
}
