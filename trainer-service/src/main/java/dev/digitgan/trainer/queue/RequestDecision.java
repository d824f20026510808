package dev.digitgan.trainer.queue;

import dev.digitgan.model.events.TrainingRequest;
import java.time.Duration;

/**
 * What became of one record of the request queue, and so what the worker does with the consumer next.
 *
 * @param request    the run to train, for {@link Action#TRAIN}
 * @param stopFirst  the run is to stop as soon as it starts (a STOP arrived before it was trained)
 * @param retryAfter for {@link Action#RETRY}: how long to wait before reading the record again
 */
public record RequestDecision(Action action, String reason, TrainingRequest request, boolean stopFirst,
                              Duration retryAfter) {

    public enum Action {
        /** Unreadable; parked on the dead-letter topic. */
        DEAD_LETTERED,
        /** The run is no longer waiting for a trainer (duplicate delivery, or another instance took it). */
        SKIPPED,
        /** A STOP came before any trainer took the run: published STOPPED, never trained. */
        STOPPED_BEFORE_START,
        /** Claimed by this instance: train it. */
        TRAIN,
        /** Nothing decided (Kafka or S3 did not confirm): read the same record again. */
        RETRY,
        /** The worker was interrupted: stop. */
        SHUT_DOWN
    }

    /** True when the record is dealt with and its offset is to be committed. */
    public boolean commits() {
        return action != Action.RETRY && action != Action.SHUT_DOWN;
    }

    static RequestDecision done(Action action, String reason) {
        return new RequestDecision(action, reason, null, false, Duration.ZERO);
    }

    static RequestDecision train(TrainingRequest request, boolean stopFirst, String reason) {
        return new RequestDecision(Action.TRAIN, reason, request, stopFirst, Duration.ZERO);
    }

    static RequestDecision retry(Duration after, String reason) {
        return new RequestDecision(Action.RETRY, reason, null, false, after);
    }
}
