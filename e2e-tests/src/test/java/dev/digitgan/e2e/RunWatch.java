package dev.digitgan.e2e;

import static org.awaitility.Awaitility.await;

import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.LossEvent;
import dev.digitgan.model.events.ObjectLayout;
import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.Topics;
import dev.digitgan.stack.testkit.TestKafka;
import dev.digitgan.stack.testkit.TestS3;
import dev.digitgan.stack.testkit.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One run as the system of record holds it: its statuses, checkpoint events and loss events read from the beginning
 * of their topics (local-stack's {@link TopicReader}, as another service reads them), and its checkpoint objects
 * listed in S3. Read from the test thread only.
 */
final class RunWatch implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final String runId;
    private final TopicReader<RunStatus> statuses;
    private final TopicReader<CheckpointEvent> checkpoints;
    private final TopicReader<LossEvent> losses;
    private final TestS3 s3;

    RunWatch(TestKafka kafka, TestS3 s3, String runId) {
        this.runId = runId;
        this.s3 = s3;
        statuses = kafka.events(Topics.RUN_STATUS, RunStatus.class, runId);
        checkpoints = kafka.events(Topics.CHECKPOINTS, CheckpointEvent.class, runId);
        losses = kafka.events(Topics.LOSS_EVENTS, LossEvent.class, runId);
    }

    String runId() {
        return runId;
    }

    /**
     * Reads what the three topics have for the run now: each until a poll brings nothing (at most 50 polls), so that
     * the newest step and version are known, not those of the first batch.
     */
    void poll() {
        for (TopicReader<?> reader : List.of(statuses, checkpoints, losses)) {
            for (int i = 0; i < 50 && !reader.poll().isEmpty(); i++) {
                // read on
            }
        }
    }

    Optional<RunStatus> latestStatus() {
        List<RunStatus> seen = statuses.received();
        return seen.isEmpty() ? Optional.empty() : Optional.of(seen.get(seen.size() - 1));
    }

    /** The highest checkpoint version announced so far (0: none). */
    long highestAnnounced() {
        return checkpoints.received().stream().mapToLong(CheckpointEvent::version).max().orElse(0);
    }

    /** The highest step whose loss event was read so far (0: none). */
    long highestStep() {
        return losses.received().stream().mapToLong(LossEvent::step).max().orElse(0);
    }

    /** The versions whose checkpoint object is in S3 now. */
    List<Long> storedVersions() {
        return s3.list(ObjectLayout.checkpointsPrefix(runId)).stream().filter(key -> key.endsWith(".zip"))
                .map(ObjectLayout::versionOf).sorted().toList();
    }

    /**
     * Polls until {@code condition} holds, checking {@code alive} (which throws to end the wait at once) between
     * polls.
     */
    void awaitUntil(String what, Duration timeout, Runnable alive, BooleanSupplier condition) {
        await(what + " (run " + runId + ")").atMost(timeout).pollInterval(POLL).pollInSameThread().until(() -> {
            alive.run();
            poll();
            return condition.getAsBoolean();
        });
    }

    /**
     * Reads the statuses alone, as fast as they come, until one with {@code message} arrives: for a fault that must
     * land right after a given status.
     */
    void awaitStatusMessage(String message, Duration timeout, Runnable alive) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (statuses.received().stream().noneMatch(s -> message.equals(s.message()))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no status '" + message + "' of run " + runId + " within " + timeout);
            }
            alive.run();
            statuses.poll();
        }
    }

    /** Waits for the run's final status (FINISHED, STOPPED or FAILED) and returns it. */
    RunStatus awaitFinal(Duration timeout, Runnable alive) {
        awaitUntil("a final status", timeout, alive,
                () -> latestStatus().map(s -> s.state().isFinal()).orElse(false));
        return latestStatus().orElseThrow();
    }

    /**
     * Everything the topics hold for the run once they are quiet (after its final status), with the S3 listing: the
     * figures of a fault case.
     */
    RunRecord record() {
        Duration quiet = Duration.ofSeconds(2);
        statuses.drain(quiet);
        checkpoints.drain(quiet);
        losses.drain(quiet);
        RunStatus last = latestStatus().orElseThrow(() -> new AssertionError("run " + runId + " has no status"));
        long trained = last.state() == RunStatus.State.FINISHED ? last.totalSteps() : last.step();
        return new RunRecord(last, CheckpointAudit.of(storedVersions(), checkpoints.received()),
                LossAudit.of(trained, last.totalSteps(), losses.received().stream().map(LossEvent::step).toList()));
    }

    /**
     * @param status      the run's newest status
     * @param checkpoints stored against announced
     * @param losses      the loss events against the run's steps
     */
    record RunRecord(RunStatus status, CheckpointAudit checkpoints, LossAudit losses) {

        String outcome() {
            return "run " + status.state() + (status.state() == RunStatus.State.FAILED ? " (" + status.message() + ")"
                    : "");
        }
    }

    @Override
    public void close() {
        statuses.close();
        checkpoints.close();
        losses.close();
    }
}
