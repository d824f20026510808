package dev.digitgan.trainer.api;

import dev.digitgan.support.api.KafkaUnavailableException;
import dev.digitgan.trainer.kafka.AckWait;
import dev.digitgan.trainer.kafka.Acks;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Makes a run id one request's, for ever, on Kafka's own ordering: the request appends a claim with a nonce of its
 * own to the run-id log, waits for Kafka's acknowledgement, lets its view read the log up to (at least) that claim,
 * and has the id only if the first claim of the id there is its own. Every trainer instance reads the same
 * single-partition log, in which the claims of one id have one order, so whatever the timing, on one instance or
 * several, exactly one claim is first; every other request with that id is refused (409). The log keeps every claim
 * for ever, so an id stays taken when its run's loss events (or its statuses) are long gone.
 *
 * <p>A claim whose acknowledgement or read-back fails is not the caller's (503): it may still turn out first, and
 * then the id is taken without a run (a retry with the same id gets 409; the message says when and by whom).
 */
public final class RunIdClaimer {

    /** What a claim's outcome is, from the first claim of the id in the log as read after the claim's ack. */
    enum Verdict {
        /** This claim is the first: the id is this request's. */
        WON,
        /** Another claim came first. */
        TAKEN,
        /** The view has not read this claim yet (nor any other): read on. */
        NOT_READ_YET
    }

    /** The decision, nothing else: only the claimant's own claim, read back as the first, wins. */
    static Verdict decide(Optional<RunIdClaim> first, RunIdClaim mine) {
        if (first.isEmpty()) {
            return Verdict.NOT_READ_YET;
        }
        return first.get().sameAs(mine) ? Verdict.WON : Verdict.TAKEN;
    }

    /** The claim's result: the id is the caller's, or {@code first} has it. */
    public record Outcome(boolean won, RunIdClaim first) {
    }

    private static final Duration READ_AGAIN = Duration.ofMillis(50);

    private final RunIdLog log;
    private final String instanceId;
    private final Duration catchUpTimeout;
    private final AckWait acks;
    private final Supplier<String> nonces;
    private final Clock clock;

    public RunIdClaimer(RunIdLog log, String instanceId, Duration catchUpTimeout, AckWait acks) {
        this(log, instanceId, catchUpTimeout, acks, () -> UUID.randomUUID().toString(), Clock.systemUTC());
    }

    RunIdClaimer(RunIdLog log, String instanceId, Duration catchUpTimeout, AckWait acks,
                 Supplier<String> nonces, Clock clock) {
        this.log = log;
        this.instanceId = instanceId;
        this.catchUpTimeout = catchUpTimeout;
        this.acks = acks;
        this.nonces = nonces;
        this.clock = clock;
    }

    /**
     * @throws KafkaUnavailableException when Kafka does not acknowledge the claim, or the view does not read it back,
     *                                   in time (503: the caller does not know whether it has the id)
     * @throws IllegalStateException     when the log has more than one partition (nothing can be decided then)
     */
    public Outcome claim(String runId, String user) {
        Optional<RunIdClaim> known = log.first(runId);
        if (known.isPresent()) {
            return new Outcome(false, known.get()); // taken long ago: no need to write
        }
        RunIdClaim mine = new RunIdClaim(RunIdClaim.SCHEMA_VERSION, runId, nonces.get(), instanceId, user,
                clock.instant());
        try {
            // Sent again after a transient failure: the same claim (same nonce), so a copy that landed is harmless.
            acks.send("the claim of run id " + runId, () -> log.append(mine));
        } catch (Acks.NotAcknowledgedException e) {
            throw new KafkaUnavailableException("run id '" + runId + "' not claimed: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + catchUpTimeout.toNanos();
        try {
            while (true) {
                log.awaitCaughtUp(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                int partitions = log.partitions();
                if (partitions > 1) {
                    throw new IllegalStateException("the run-id log has " + partitions + " partitions; claims are "
                            + "decided by their order in one (recreate the topic with one partition)");
                }
                Optional<RunIdClaim> first = log.first(runId);
                switch (decide(first, mine)) {
                    case WON:
                        return new Outcome(true, mine);
                    case TAKEN:
                        return new Outcome(false, first.get());
                    default:
                        if (System.nanoTime() >= deadline) {
                            throw new KafkaUnavailableException("run id '" + runId + "': the claim was acknowledged "
                                    + "but not read back within " + catchUpTimeout, null);
                        }
                        Thread.sleep(READ_AGAIN.toMillis());
                }
            }
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("run id '" + runId + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while reading the run-id claims", e);
        }
    }
}
