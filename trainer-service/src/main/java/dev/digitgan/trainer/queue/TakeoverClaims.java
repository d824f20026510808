package dev.digitgan.trainer.queue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/** The claim log take-overs are decided on (the run-id log, whose first claim of a key wins): the I/O behind them. */
public interface TakeoverClaims {

    /** Waits until the log's view has read everything the topic held when this was called. */
    void awaitCaughtUp(Duration timeout) throws TimeoutException, InterruptedException;

    /** The instance whose claim of the key came first, as far as the view has read. */
    Optional<String> claimant(String key);

    /**
     * Claims the key for this instance and reads the log back.
     *
     * @return true if this instance's claim is the first of the key
     * @throws RuntimeException when Kafka does not confirm the claim or the read-back (the claim may still win;
     *                          then the run is this instance's without it knowing, and the next scan finds it so)
     */
    boolean claim(String key);
}
