package dev.digitgan.trainer.queue;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Finds an unfinished run whose owner has left the presence group (or is this instance's previous life) and wins
 * it for this idle instance ({@link TakeoverDecision}). It runs on the worker's thread, before the worker takes new
 * requests and then every few seconds while it is idle, so an instance trains at most one run at a time.
 */
public final class TakeoverScan {

    private static final Logger LOG = Logger.getLogger(TakeoverScan.class);

    private final String instanceId;
    private final RunStatuses statuses;
    private final TakeoverClaims claims;
    private final LiveTrainers liveTrainers;
    private final Duration catchUpTimeout;
    private final boolean others;

    /** @param others whether runs of other instances are taken over, or only this instance's own */
    public TakeoverScan(String instanceId, RunStatuses statuses, TakeoverClaims claims, LiveTrainers liveTrainers,
                        Duration catchUpTimeout, boolean others) {
        this.instanceId = instanceId;
        this.statuses = statuses;
        this.claims = claims;
        this.liveTrainers = liveTrainers;
        this.catchUpTimeout = catchUpTimeout;
        this.others = others;
    }

    /**
     * The newest status of a run this instance has just won, to be resumed from its newest checkpoint; empty when
     * there is none, or when Kafka did not answer (the next scan tries again).
     */
    public Optional<StatusAt> next() throws InterruptedException {
        Set<String> live;
        try {
            // Both views caught up first: every instance must derive the same claim key from the same newest status.
            statuses.awaitCaughtUp(catchUpTimeout);
            claims.awaitCaughtUp(catchUpTimeout);
            live = others ? liveTrainers.live() : Set.of();
        } catch (TimeoutException | RuntimeException e) {
            LOG.warnf("take-over scan skipped: %s", e.getMessage());
            return Optional.empty();
        }
        for (StatusAt run : statuses.active()) {
            TakeoverDecision decision = TakeoverDecision.decide(run, claims::claimant, live, instanceId, others);
            if (decision.action() != TakeoverDecision.Action.CLAIM) {
                continue;
            }
            boolean won;
            try {
                won = claims.claim(decision.claimKey());
            } catch (RuntimeException e) {
                LOG.warnf("claim %s not decided: %s", decision.claimKey(), e.getMessage());
                continue;
            }
            String from = instanceId.equals(decision.owner()) ? "this instance's previous life"
                    : decision.owner() + " (not in the presence group)";
            if (won) {
                LOG.infof("run %s taken over from %s at step %d (claim %s)", run.runId(), from,
                        run.status().step(), decision.claimKey());
                return Optional.of(run);
            }
            LOG.infof("run %s: another instance claimed %s first", run.runId(), decision.claimKey());
        }
        return Optional.empty();
    }
}
