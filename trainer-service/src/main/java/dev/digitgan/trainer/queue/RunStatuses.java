package dev.digitgan.trainer.queue;

import dev.digitgan.model.events.RunStatus;
import dev.digitgan.trainer.kafka.RunStatusView;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/** What the request decisions read about runs: the newest status of each (see {@link RunStatusView}). */
public interface RunStatuses {

    /**
     * Returns once every status published before the call is visible.
     *
     * @throws TimeoutException when that did not happen within {@code timeout}
     */
    void awaitCaughtUp(Duration timeout) throws TimeoutException, InterruptedException;

    Optional<RunStatus> get(String runId);

    /** Runs whose newest status is RUNNING or STOPPING, with where that status was read; oldest update first. */
    List<StatusAt> active();
}
