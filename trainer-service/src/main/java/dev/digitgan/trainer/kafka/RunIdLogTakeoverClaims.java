package dev.digitgan.trainer.kafka;

import dev.digitgan.trainer.api.RunIdClaim;
import dev.digitgan.trainer.api.RunIdClaimer;
import dev.digitgan.trainer.api.RunIdLog;
import dev.digitgan.trainer.queue.TakeoverClaims;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Take-over claims on the run-id log ({@code Topics.RUN_IDS}), decided like run ids: the first claim of a key in the
 * single-partition log wins, for ever. The keys ({@code <run>@<partition>:<offset>#<n>}) cannot be run ids (those
 * have neither {@code @} nor {@code #}), so the two kinds of claim never meet.
 */
public final class RunIdLogTakeoverClaims implements TakeoverClaims {

    private final RunIdLog log;
    private final RunIdClaimer claimer;
    private final String instanceId;

    public RunIdLogTakeoverClaims(RunIdLog log, String instanceId, Duration catchUpTimeout, AckWait acks) {
        this.log = log;
        this.instanceId = instanceId;
        this.claimer = new RunIdClaimer(log, instanceId, catchUpTimeout, acks);
    }

    @Override
    public void awaitCaughtUp(Duration timeout) throws TimeoutException, InterruptedException {
        log.awaitCaughtUp(timeout);
    }

    @Override
    public Optional<String> claimant(String key) {
        return log.first(key).map(RunIdClaim::instance);
    }

    @Override
    public boolean claim(String key) {
        return claimer.claim(key, "take-over by " + instanceId).won();
    }
}
