package dev.digitgan.trainer.queue;

import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.EventFormatException;
import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.Topics;
import dev.digitgan.model.events.TrainingRequest;
import dev.digitgan.trainer.kafka.RequestWorker;
import dev.digitgan.trainer.queue.RequestDecision.Action;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Decides what becomes of each training request and of each run this instance owned when it died: claim, skip,
 * retry or dead-letter; resume or fail. The one owner of those decisions; the Kafka consumer around it
 * ({@link RequestWorker}) only carries them out (commit, seek back, leave the group while training), and the
 * reads and writes are injected, so that every branch is tested without a broker.
 *
 * <p>Nothing is committed that is not decided: a request is claimed (its request stored, RUNNING acknowledged),
 * skipped because its newest status says it is no longer waiting, marked STOPPED, or parked on the dead-letter
 * topic, and only then committed. Whatever Kafka or S3 did not confirm is retried from the same offset.
 *
 * <p>Called from the worker's thread; {@link #rememberStop} from the run-control consumer's.
 */
public final class RequestHandler {

    private static final Logger LOG = Logger.getLogger(RequestHandler.class);

    private final String instanceId;
    private final Duration catchUpTimeout;
    private final Duration retryPause;
    private final RunStatuses statuses;
    private final RunClaims claims;
    private final DeadLetters deadLetters;
    private final EventCodec codec = new EventCodec();
    /** STOP commands for runs this instance is not training (yet): honoured if one of them reaches it. */
    private final Set<String> earlyStops = ConcurrentHashMap.newKeySet();

    /**
     * @param catchUpTimeout how long to wait for the statuses to catch up before deciding about a request
     * @param retryPause     pause before a record whose writes failed is read again, so that an outage is not a
     *                       busy loop
     */
    public RequestHandler(String instanceId, Duration catchUpTimeout, Duration retryPause, RunStatuses statuses,
                          RunClaims claims, DeadLetters deadLetters) {
        this.instanceId = instanceId;
        this.catchUpTimeout = catchUpTimeout;
        this.retryPause = retryPause;
        this.statuses = statuses;
        this.claims = claims;
        this.deadLetters = deadLetters;
    }

    /** Decides about one record of the request queue and makes the writes the decision needs. */
    public RequestDecision handle(QueuedRecord record) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        TrainingRequest request;
        try {
            request = codec.decode(record.value(), TrainingRequest.class);
        } catch (EventFormatException e) {
            return deadLetter(record, where, e.getMessage());
        }
        String runId = request.runId();
        try {
            statuses.awaitCaughtUp(catchUpTimeout);
        } catch (TimeoutException e) {
            // The wait was the pause: read the record again at once.
            LOG.warnf("cannot decide about run %s yet (%s); will retry", runId, e.getMessage());
            return RequestDecision.retry(Duration.ZERO, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RequestDecision.done(Action.SHUT_DOWN, "interrupted");
        }
        Optional<RunStatus> latest = statuses.get(runId);
        if (latest.isPresent() && latest.get().state() != RunStatus.State.REQUESTED) {
            RunStatus status = latest.get();
            if (ownedActive(status)) {
                // Our own claim from before a restart: the take-over scan resumes such a run, under a claim that
                // decides between this instance and any other that finds the run orphaned; not this request.
                LOG.infof("skipping request for run %s: already %s by this instance (%s); the take-over scan"
                        + " resumes it", runId, status.state(), instanceId);
                return RequestDecision.done(Action.SKIPPED, "already claimed by this instance");
            }
            String reason = "already " + status.state() + (status.trainer() == null ? "" : " by " + status.trainer());
            LOG.infof("skipping request for run %s: %s", runId, reason);
            return RequestDecision.done(Action.SKIPPED, reason);
        }
        if (earlyStops.remove(runId)) {
            try {
                claims.stopUnstarted(request);
            } catch (RuntimeException e) {
                earlyStops.add(runId); // still to be honoured when the record is read again
                LOG.errorf("cannot mark run %s STOPPED (%s); will retry", runId, e.getMessage());
                return RequestDecision.retry(retryPause, e.getMessage());
            }
            LOG.infof("run %s was stopped before it started", runId);
            return RequestDecision.done(Action.STOPPED_BEFORE_START, "stopped before a trainer claimed it");
        }
        try {
            claims.claim(request);
        } catch (RuntimeException e) {
            LOG.errorf("cannot claim run %s (%s); will retry", runId, e.getMessage());
            return RequestDecision.retry(retryPause, e.getMessage());
        }
        LOG.infof("run %s claimed by %s (%s, %d epochs)", runId, instanceId, request.preset(), request.epochs());
        return RequestDecision.train(request, false, "claimed by " + instanceId);
    }

    /** Decides about a run whose newest status says this instance was training it. */
    public ResumeDecision resume(RunStatus owned) {
        String runId = owned.runId();
        Optional<TrainingRequest> request;
        try {
            request = claims.storedRequest(runId);
        } catch (RuntimeException e) {
            LOG.errorf("cannot read the stored request of run %s (%s); will retry", runId, e.getMessage());
            return new ResumeDecision(ResumeDecision.Action.RETRY, e.getMessage(), null, false);
        }
        if (request.isEmpty()) {
            String reason = "cannot resume: the run's request is not in S3";
            try {
                claims.fail(runId, owned, reason);
            } catch (RuntimeException e) {
                LOG.errorf("cannot mark run %s FAILED (%s); will retry", runId, e.getMessage());
                return new ResumeDecision(ResumeDecision.Action.RETRY, e.getMessage(), null, false);
            }
            return new ResumeDecision(ResumeDecision.Action.FAILED, reason, null, false);
        }
        boolean stop = owned.state() == RunStatus.State.STOPPING || earlyStops.remove(runId);
        LOG.infof("resuming run %s (last status %s at step %d)", runId, owned.state(), owned.step());
        return new ResumeDecision(ResumeDecision.Action.RESUME, "last status " + owned.state(), request.get(), stop);
    }

    /**
     * A STOP for a run this instance does not train now: remembered if the run is not over, because it may still
     * reach this instance (a queued request, or a run it owned and is about to resume).
     *
     * @return true if remembered
     */
    public boolean rememberStop(String runId) {
        if (statuses.get(runId).map(s -> !s.state().isFinal()).orElse(false)) {
            earlyStops.add(runId);
            return true;
        }
        return false;
    }

    /** True (once) if a STOP for the run was remembered; for a run about to be trained. */
    public boolean takeEarlyStop(String runId) {
        return earlyStops.remove(runId);
    }

    private boolean ownedActive(RunStatus status) {
        return instanceId.equals(status.trainer())
                && (status.state() == RunStatus.State.RUNNING || status.state() == RunStatus.State.STOPPING);
    }

    private RequestDecision deadLetter(QueuedRecord record, String where, String problem) {
        LOG.warnf("unreadable training request at %s goes to %s: %s", where, Topics.DEAD_LETTER, problem);
        try {
            deadLetters.park(record, problem);
        } catch (RuntimeException notParked) {
            LOG.errorf("cannot park %s on the dead-letter topic (%s); will retry", where, notParked.getMessage());
            return RequestDecision.retry(retryPause, notParked.getMessage());
        }
        return RequestDecision.done(Action.DEAD_LETTERED, problem);
    }
}
