package dev.digitgan.trainer.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.RunStatus.State;
import dev.digitgan.model.events.SchemaVersions;
import dev.digitgan.model.events.Topics;
import dev.digitgan.model.events.TrainingRequest;
import dev.digitgan.trainer.queue.RequestDecision.Action;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every decision about a training request and an owned run, with the statuses, S3 and Kafka writes in memory. */
class RequestHandlerTest {

    private static final String ME = "trainer-0";
    private static final Duration PAUSE = Duration.ofMillis(1234);
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final EventCodec codec = new EventCodec();
    private final Statuses statuses = new Statuses();
    private final Claims claims = new Claims();
    private final Letters letters = new Letters();
    private final RequestHandler handler = new RequestHandler(ME, Duration.ofSeconds(30), PAUSE, statuses, claims,
            letters);
    private long nextOffset = 40;

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void aRequestForAWaitingRunIsClaimedCommittedAndTrained() {
        statuses.put(status("r1", State.REQUESTED, null));
        TrainingRequest request = request("r1");

        RequestDecision decision = handler.handle(queued(request));

        assertThat(decision.action()).isEqualTo(Action.TRAIN);
        assertThat(decision.commits()).isTrue();
        assertThat(decision.request()).isEqualTo(request);
        assertThat(decision.stopFirst()).isFalse();
        assertThat(claims.log).containsExactly("claim r1");
        assertThat(statuses.catchUps).isEqualTo(1);
    }

    @Test
    void aRequestWhoseRunHasNoStatusYetIsClaimed() {
        RequestDecision decision = handler.handle(queued(request("r1")));

        assertThat(decision.action()).isEqualTo(Action.TRAIN);
        assertThat(claims.log).containsExactly("claim r1");
    }

    @Test
    void anUnreadableRequestIsParkedOnTheDeadLetterTopicWithItsOriginAndCommitted() {
        QueuedRecord garbage = raw("garbage", "{not json");

        RequestDecision decision = handler.handle(garbage);

        assertThat(decision.action()).isEqualTo(Action.DEAD_LETTERED);
        assertThat(decision.commits()).isTrue();
        assertThat(letters.parked).hasSize(1);
        assertThat(letters.parked.get(0).record()).isSameAs(garbage);
        assertThat(letters.parked.get(0).reason()).contains("malformed JSON");
        assertThat(claims.log).isEmpty();
        assertThat(statuses.catchUps).as("no status needed to reject bytes").isZero();
    }

    @Test
    void anUnreadableRequestThatCannotBeParkedIsReadAgainAfterThePauseNotCommitted() {
        letters.failures = 1;
        QueuedRecord garbage = raw("garbage", "{not json");

        RequestDecision first = handler.handle(garbage);
        RequestDecision second = handler.handle(garbage);

        assertThat(first.action()).isEqualTo(Action.RETRY);
        assertThat(first.commits()).isFalse();
        assertThat(first.retryAfter()).isEqualTo(PAUSE);
        assertThat(second.action()).isEqualTo(Action.DEAD_LETTERED);
        assertThat(letters.parked).hasSize(1);
    }

    @Test
    void aRequestWhoseRunIsNoLongerWaitingIsSkippedAndCommittedWithoutAClaim() {
        statuses.put(status("taken", State.RUNNING, "trainer-1"));
        statuses.put(status("done", State.FINISHED, ME));
        statuses.put(status("stopped", State.STOPPED, null));

        List<RequestDecision> decisions = List.of(handler.handle(queued(request("taken"))),
                handler.handle(queued(request("done"))), handler.handle(queued(request("stopped"))));

        assertThat(decisions).extracting(RequestDecision::action).containsOnly(Action.SKIPPED);
        assertThat(decisions).allMatch(RequestDecision::commits);
        assertThat(decisions.get(0).reason()).isEqualTo("already RUNNING by trainer-1");
        assertThat(claims.log).isEmpty();
    }

    @Test
    void aRunThisInstanceAlreadyClaimedIsLeftToTheTakeoverScanNotTrainedFromTheRequest() {
        // The RUNNING claim reached Kafka but its acknowledgement did not reach us, so the claim was retried; or this
        // instance died after the claim. Training it from the request would bypass the take-over claim, and another
        // instance that found the run orphaned could train it at the same time.
        statuses.put(status("mine", State.RUNNING, ME));
        statuses.put(status("stopping", State.STOPPING, ME));

        RequestDecision running = handler.handle(queued(request("mine")));
        RequestDecision stopping = handler.handle(queued(request("stopping")));

        assertThat(running.action()).isEqualTo(Action.SKIPPED);
        assertThat(stopping.action()).isEqualTo(Action.SKIPPED);
        assertThat(running.commits()).isTrue();
        assertThat(claims.log).as("no second claim").isEmpty();
    }

    @Test
    void aRunStoppedWhileQueuedIsMarkedStoppedCommittedAndNeverClaimed() {
        statuses.put(status("queued", State.REQUESTED, null));
        assertThat(handler.rememberStop("queued")).isTrue();

        RequestDecision decision = handler.handle(queued(request("queued")));

        assertThat(decision.action()).isEqualTo(Action.STOPPED_BEFORE_START);
        assertThat(decision.commits()).isTrue();
        assertThat(claims.log).containsExactly("stopUnstarted queued");
        assertThat(handler.takeEarlyStop("queued")).as("the stop is used up").isFalse();
    }

    @Test
    void aStopThatCannotBePublishedIsRetriedAndStillHonoured() {
        statuses.put(status("queued", State.REQUESTED, null));
        handler.rememberStop("queued");
        claims.stopFailures = 1;

        RequestDecision first = handler.handle(queued(request("queued")));
        RequestDecision second = handler.handle(queued(request("queued")));

        assertThat(first.action()).isEqualTo(Action.RETRY);
        assertThat(first.retryAfter()).isEqualTo(PAUSE);
        assertThat(second.action()).isEqualTo(Action.STOPPED_BEFORE_START);
        assertThat(claims.log).containsExactly("stopUnstarted queued (failed)", "stopUnstarted queued");
    }

    @Test
    void aClaimThatS3OrKafkaDidNotConfirmIsRetriedFromTheSameRecordAfterThePause() {
        statuses.put(status("r1", State.REQUESTED, null));
        claims.claimFailures = 1;
        QueuedRecord record = queued(request("r1"));

        RequestDecision first = handler.handle(record);
        RequestDecision second = handler.handle(record);

        assertThat(first.action()).isEqualTo(Action.RETRY);
        assertThat(first.commits()).isFalse();
        assertThat(first.retryAfter()).isEqualTo(PAUSE);
        assertThat(second.action()).isEqualTo(Action.TRAIN);
        assertThat(claims.log).containsExactly("claim r1 (failed)", "claim r1");
    }

    @Test
    void whenTheStatusesCannotCatchUpNothingIsDecidedAndTheRecordIsReadAgainAtOnce() {
        statuses.put(status("r1", State.REQUESTED, null));
        statuses.timeouts = 1;

        RequestDecision decision = handler.handle(queued(request("r1")));

        assertThat(decision.action()).isEqualTo(Action.RETRY);
        assertThat(decision.commits()).isFalse();
        assertThat(decision.retryAfter()).as("the catch-up wait was the pause").isZero();
        assertThat(claims.log).isEmpty();
    }

    @Test
    void anInterruptedWaitShutsTheWorkerDownWithoutCommitting() {
        statuses.interrupt = true;

        RequestDecision decision = handler.handle(queued(request("r1")));

        assertThat(decision.action()).isEqualTo(Action.SHUT_DOWN);
        assertThat(decision.commits()).isFalse();
        assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept").isTrue();
        assertThat(claims.log).isEmpty();
    }

    @Test
    void aStopForAnUnknownOrFinishedRunIsNotRemembered() {
        statuses.put(status("over", State.FINISHED, ME));

        assertThat(handler.rememberStop("over")).isFalse();
        assertThat(handler.rememberStop("unknown")).isFalse();
        assertThat(handler.takeEarlyStop("over")).isFalse();
    }

    @Test
    void anOwnedRunIsResumedWithItsStoredRequest() {
        RunStatus owned = status("mine", State.RUNNING, ME);
        claims.stored.put("mine", request("mine"));

        ResumeDecision decision = handler.resume(owned);

        assertThat(decision.action()).isEqualTo(ResumeDecision.Action.RESUME);
        assertThat(decision.request()).isEqualTo(request("mine"));
        assertThat(decision.stopFirst()).isFalse();
    }

    @Test
    void anOwnedRunThatWasStoppingOrGotAStopMeanwhileResumesOnlyToStop() {
        claims.stored.put("stopping", request("stopping"));
        claims.stored.put("running", request("running"));
        statuses.put(status("running", State.RUNNING, ME));
        handler.rememberStop("running");

        assertThat(handler.resume(status("stopping", State.STOPPING, ME)).stopFirst()).isTrue();
        assertThat(handler.resume(status("running", State.RUNNING, ME)).stopFirst()).isTrue();
    }

    @Test
    void anOwnedRunWithoutAStoredRequestIsMarkedFailed() {
        RunStatus owned = status("lost", State.RUNNING, ME);

        ResumeDecision decision = handler.resume(owned);

        assertThat(decision.action()).isEqualTo(ResumeDecision.Action.FAILED);
        assertThat(claims.log).containsExactly("fail lost: cannot resume: the run's request is not in S3");
    }

    @Test
    void anOwnedRunIsDecidedAgainWhenS3CannotBeReadOrTheFailureIsNotAcknowledged() {
        claims.readFailures = 1;
        claims.failFailures = 1;
        RunStatus owned = status("lost", State.RUNNING, ME);

        ResumeDecision unreadable = handler.resume(owned);
        ResumeDecision unacknowledged = handler.resume(owned);
        ResumeDecision failed = handler.resume(owned);

        assertThat(unreadable.action()).isEqualTo(ResumeDecision.Action.RETRY);
        assertThat(unacknowledged.action()).isEqualTo(ResumeDecision.Action.RETRY);
        assertThat(failed.action()).isEqualTo(ResumeDecision.Action.FAILED);
        assertThat(claims.log).containsExactly("fail lost: cannot resume: the run's request is not in S3 (failed)",
                "fail lost: cannot resume: the run's request is not in S3");
    }

    private TrainingRequest request(String runId) {
        return new TrainingRequest(Event.SCHEMA_VERSION, runId, "mlp", 1, 64, null, null, 5, 11L, "test", T0);
    }

    private static RunStatus status(String runId, State state, String trainer) {
        return new RunStatus(SchemaVersions.RUN_STATUS, runId, state, "mlp", 1, 1, 3, 8, 0, trainer, "test", T0, null);
    }

    private QueuedRecord queued(TrainingRequest request) {
        return new QueuedRecord(Topics.TRAINING_REQUESTS, 2, nextOffset++, request.runId(), codec.encode(request));
    }

    private QueuedRecord raw(String key, String text) {
        return new QueuedRecord(Topics.TRAINING_REQUESTS, 1, nextOffset++, key, text.getBytes(StandardCharsets.UTF_8));
    }

    private static final class Statuses implements RunStatuses {
        final Map<String, RunStatus> latest = new HashMap<>();
        int catchUps;
        int timeouts;
        boolean interrupt;

        void put(RunStatus status) {
            latest.put(status.runId(), status);
        }

        @Override
        public void awaitCaughtUp(Duration timeout) throws TimeoutException, InterruptedException {
            catchUps++;
            if (interrupt) {
                throw new InterruptedException("test");
            }
            if (timeouts > 0) {
                timeouts--;
                throw new TimeoutException("not caught up within " + timeout);
            }
        }

        @Override
        public Optional<RunStatus> get(String runId) {
            return Optional.ofNullable(latest.get(runId));
        }

        @Override
        public List<StatusAt> active() {
            throw new UnsupportedOperationException("the take-over scan asks for these, not the handler");
        }
    }

    private static final class Claims implements RunClaims {
        final List<String> log = new ArrayList<>();
        final Map<String, TrainingRequest> stored = new HashMap<>();
        int claimFailures;
        int stopFailures;
        int readFailures;
        int failFailures;

        @Override
        public void claim(TrainingRequest request) {
            if (claimFailures > 0) {
                claimFailures--;
                log.add("claim " + request.runId() + " (failed)");
                throw new IllegalStateException("S3 down");
            }
            log.add("claim " + request.runId());
        }

        @Override
        public void stopUnstarted(TrainingRequest request) {
            if (stopFailures > 0) {
                stopFailures--;
                log.add("stopUnstarted " + request.runId() + " (failed)");
                throw new IllegalStateException("Kafka did not acknowledge");
            }
            log.add("stopUnstarted " + request.runId());
        }

        @Override
        public Optional<TrainingRequest> storedRequest(String runId) {
            if (readFailures > 0) {
                readFailures--;
                throw new IllegalStateException("S3 down");
            }
            return Optional.ofNullable(stored.get(runId));
        }

        @Override
        public void fail(String runId, RunStatus last, String message) {
            if (failFailures > 0) {
                failFailures--;
                log.add("fail " + runId + ": " + message + " (failed)");
                throw new IllegalStateException("Kafka did not acknowledge");
            }
            log.add("fail " + runId + ": " + message);
        }
    }

    private record Parked(QueuedRecord record, String reason) {
    }

    private static final class Letters implements DeadLetters {
        final List<Parked> parked = new ArrayList<>();
        int failures;

        @Override
        public void park(QueuedRecord record, String reason) {
            if (failures > 0) {
                failures--;
                throw new IllegalStateException("Kafka did not acknowledge");
            }
            parked.add(new Parked(record, reason));
        }
    }
}
