package dev.digitgan.trainer.api;

import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.RunCommand;
import dev.digitgan.model.events.RunIds;
import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.SchemaVersions;
import dev.digitgan.model.events.TrainingRequest;
import dev.digitgan.model.spec.Presets;
import dev.digitgan.support.api.KafkaUnavailableException;
import dev.digitgan.trainer.config.TrainerConfig;
import dev.digitgan.trainer.kafka.AckWait;
import dev.digitgan.trainer.kafka.Acks;
import dev.digitgan.trainer.kafka.KafkaRunIdLog;
import dev.digitgan.trainer.kafka.RunStatusView;
import dev.digitgan.trainer.kafka.TrainerEvents;
import dev.digitgan.trainer.training.RunSpecs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * What the REST endpoints do: validate a start request, claim its run id ({@link RunIdClaimer}) and put it on the
 * queue, or send a stop command. Both wait for Kafka's acknowledgement, so a 202 means the request is durably queued
 * and its run id is its own.
 */
@ApplicationScoped
public class RunRequests {

    public static final int MAX_EPOCHS = 1000;
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    /** Tries for a generated id: a second one is needed only if 24 random bits repeat within one second. */
    private static final int GENERATED_ID_TRIES = 3;

    private final TrainerEvents events;
    private final RunStatusView view;
    private final RunIdClaimer claimer;
    private final AckWait acks;
    private final Duration catchUpTimeout;

    @Inject
    public RunRequests(TrainerEvents events, RunStatusView view, KafkaRunIdLog runIds, TrainerConfig config) {
        this(events, view, new RunIdClaimer(runIds, config.instanceId(), config.statusCatchUpTimeout(),
                requestAcks(config)), config);
    }

    /** With a claimer of its own: another trainer instance's request path, in a test. */
    public RunRequests(TrainerEvents events, RunStatusView view, RunIdClaimer claimer, TrainerConfig config) {
        this.events = events;
        this.view = view;
        this.claimer = claimer;
        this.acks = requestAcks(config);
        this.catchUpTimeout = config.statusCatchUpTimeout();
    }

    /** How a REST call waits for Kafka: {@code digitgan.trainer.request-kafka-ack-wait}. */
    public static AckWait requestAcks(TrainerConfig config) {
        return new AckWait(config.requestKafkaAckWait(), TrainerConfig.REQUEST_KAFKA_ACK_WAIT);
    }

    /**
     * @throws InvalidRunRequestException for a missing or invalid field (400)
     * @throws RunConflictException     when the run id is taken (409): by a run of its own, or by another request
     *                                  that claimed it first, however close in time
     */
    public TrainingRequest start(StartRunBody body, String user) {
        if (body == null) {
            throw new InvalidRunRequestException("a JSON body is required, e.g. {\"preset\":\"mlp\",\"epochs\":5}");
        }
        if (body.epochs() == null) {
            throw new InvalidRunRequestException("field 'epochs' is required");
        }
        if (body.epochs() > MAX_EPOCHS) {
            throw new InvalidRunRequestException("field 'epochs' must be at most " + MAX_EPOCHS + ", was "
                    + body.epochs());
        }
        if (body.runId() != null && !RunIds.isValid(body.runId())) {
            throw new InvalidRunRequestException("field 'runId' is invalid: " + body.runId()
                    + " (use 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit)");
        }
        String runId = body.runId() != null ? body.runId() : newRunId();
        // The same check a trainer makes, so that a bad override is a 400 now, before the id is claimed.
        validated(body, runId, user, Instant.now());
        if (body.runId() != null && find(runId).isPresent()) {
            // Also refuses the ids of runs older than the run-id log (their statuses are kept for ever).
            throw new RunConflictException("run id '" + runId + "' is already taken");
        }
        for (int tries = 1; ; tries++) {
            RunIdClaimer.Outcome claim = claimer.claim(runId, user);
            if (claim.won()) {
                break;
            }
            if (body.runId() != null || tries == GENERATED_ID_TRIES) {
                throw new RunConflictException("run id '" + runId + "' is already taken ("
                        + claim.first().describe() + ")");
            }
            runId = newRunId();
        }
        Instant now = Instant.now();
        TrainingRequest request = validated(body, runId, user, now);
        // The REQUESTED status first: a trainer that takes the request checks the run is still REQUESTED.
        RunStatus requested = new RunStatus(SchemaVersions.RUN_STATUS, runId, RunStatus.State.REQUESTED,
                request.preset(), 0, request.epochs(), 0, 0, 0, null, "requested by " + user, now, null);
        await("REQUESTED of run " + runId, () -> events.status(requested));
        await("the request of run " + runId, () -> events.request(request));
        return request;
    }

    /**
     * @throws RunNotFoundException  when no such run exists (404)
     * @throws RunConflictException  when it is already over (409)
     */
    public RunStatus stop(String runId, String user) {
        RunStatus status = find(runId).orElseThrow(() -> new RunNotFoundException(runId));
        if (status.state().isFinal()) {
            throw new RunConflictException("run '" + runId + "' is already " + status.state());
        }
        Instant now = Instant.now();
        if (status.state() == RunStatus.State.REQUESTED) {
            // Nobody trains it yet: whichever trainer takes the request will find it STOPPED and drop it.
            status = new RunStatus(SchemaVersions.RUN_STATUS, runId, RunStatus.State.STOPPED, status.preset(), 0,
                    status.epochs(), 0, status.totalSteps(), 0, null,
                    "stopped by " + user + " before a trainer claimed it", now, null);
            RunStatus stopped = status;
            await("STOPPED of run " + runId, () -> events.status(stopped));
        }
        RunCommand stop = new RunCommand(Event.SCHEMA_VERSION, runId, RunCommand.Action.STOP, user, now);
        await("the stop command of run " + runId, () -> events.command(stop));
        return status;
    }

    /** The run's newest status; when unknown, after letting the view catch up (it may have just been created). */
    public Optional<RunStatus> find(String runId) {
        if (!RunIds.isValid(runId)) {
            return Optional.empty();
        }
        Optional<RunStatus> status = view.get(runId);
        if (status.isPresent()) {
            return status;
        }
        try {
            view.awaitCaughtUp(catchUpTimeout);
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while reading run statuses", e);
        }
        return view.get(runId);
    }

    private static TrainingRequest validated(StartRunBody body, String runId, String user, Instant now) {
        try {
            TrainingRequest request = new TrainingRequest(Event.SCHEMA_VERSION, runId,
                    body.preset() == null ? Presets.DEFAULT : body.preset(), body.epochs(), body.batchSize(),
                    body.generatorLearningRate(), body.discriminatorLearningRate(), body.checkpointIntervalSteps(),
                    body.seed(), user, now);
            RunSpecs.resolve(request);
            return request;
        } catch (IllegalArgumentException e) {
            throw new InvalidRunRequestException(e.getMessage());
        }
    }

    static String newRunId() {
        return "run-" + ID_TIME.format(Instant.now()) + "-"
                + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
    }

    private void await(String what, Supplier<CompletionStage<Void>> send) {
        try {
            acks.send(what, send);
        } catch (Acks.NotAcknowledgedException e) {
            throw new KafkaUnavailableException(e.getMessage(), e);
        }
    }
}
