package dev.digitgan.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.model.checkpoint.CheckpointManifest;
import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.GeneratorPart;
import dev.digitgan.model.events.LossEvent;
import dev.digitgan.model.events.ObjectLayout;
import dev.digitgan.model.events.RunCommand;
import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.RunStatus.State;
import dev.digitgan.model.events.SchemaVersions;
import dev.digitgan.model.events.TrainingRequest;
import dev.digitgan.model.quality.QualityScores;
import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.train.StepProgress;
import dev.digitgan.model.train.StepResult;
import dev.digitgan.trainer.kafka.Acks;
import dev.digitgan.trainer.kafka.TrainerEvents;
import dev.digitgan.trainer.queue.RunControl;
import dev.digitgan.trainer.storage.CheckpointObjects;
import dev.digitgan.trainer.storage.StorageException;
import dev.digitgan.trainer.storage.StoredCheckpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Store-then-announce and the statuses of one run, with Kafka, S3 and the clock in memory: the order of the writes
 * and what each failure leaves behind (the real topics and S3 are covered by TinyRunTest and CrashResumeTest).
 */
class RunPublisherTest {

    private static final String ME = "trainer-0";
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    /** 3 epochs of 8 steps. */
    private static final int STEPS_PER_EPOCH = 8;

    private final TrainingRequest request = new TrainingRequest(Event.SCHEMA_VERSION, "run-1", "mlp", 3, 64, null,
            null, 5, 11L, "test", T0);
    private final GanSpec spec = RunSpecs.resolve(request);
    private final RunControl control = new RunControl("run-1");
    private final Events events = new Events();
    private final Objects objects = new Objects(events.log);
    private final AtomicLong clock = new AtomicLong();
    private final AtomicInteger encodings = new AtomicInteger();

    private RunPublisher publisher(boolean checkpointOnShutdown, long startStep, long checkpoints) {
        return new RunPublisher(request, control, events, objects,
                new RunTrainer.Settings(ME, checkpointOnShutdown, 4), STEPS_PER_EPOCH, startStep, checkpoints,
                Duration.ofSeconds(5), clock::get);
    }

    private RunPublisher publisher() {
        return publisher(true, 0, 0);
    }

    private static final GeneratorPart PART = new GeneratorPart(2, "c".repeat(64));

    private Supplier<EncodedCheckpoint> encoding() {
        return () -> {
            encodings.incrementAndGet();
            return new EncodedCheckpoint(new byte[] {1, 2, 3}, new byte[] {9, 9}, PART);
        };
    }

    private CheckpointManifest manifest(long version, long step) {
        return CheckpointManifest.of("run-1", version, spec, (int) (step / STEPS_PER_EPOCH), step, T0.plusSeconds(step),
                new CheckpointManifest.Losses(0.7, 1.3, 0.6, 0.4));
    }

    private static StepProgress step(long step, double dLoss) {
        int epoch = (int) ((step - 1) / STEPS_PER_EPOCH) + 1;
        return new StepProgress(epoch, 3, step, 24, (int) ((step - 1) % STEPS_PER_EPOCH) + 1, STEPS_PER_EPOCH,
                new StepResult(dLoss, 1.1, 0.6, 0.4), 1000, Duration.ofSeconds(step));
    }

    @Test
    void aCheckpointIsAnnouncedOnlyAfterItsObjectsAreStoredAndThenTheRunSaysSo() {
        RunPublisher publisher = publisher();

        assertThat(publisher.publish(manifest(1, 5), encoding())).isTrue();

        assertThat(events.log).containsExactly("status RUNNING storing checkpoint 1",
                "store 1", "checkpoint 1", "status RUNNING checkpoint 1 stored");
        CheckpointEvent event = events.checkpoints.get(0);
        StoredCheckpoint stored = objects.stored.get(0);
        assertThat(event.objectKey()).isEqualTo(stored.objectKey()).isEqualTo(ObjectLayout.checkpointKey("run-1", 1));
        assertThat(event.sampleGridKey()).isEqualTo(stored.gridKey());
        assertThat(event.sha256()).isEqualTo(stored.sha256());
        assertThat(event.sizeBytes()).isEqualTo(3);
        assertThat(event.generatorPart()).as("what samplers range-read").isEqualTo(PART);
        assertThat(event.step()).isEqualTo(5);
        assertThat(event.discriminatorLoss()).isEqualTo(0.7);
        assertThat(event.generatorLoss()).isEqualTo(1.3);
        assertThat(events.statuses.get(1).checkpoints()).isEqualTo(1);
        assertThat(event.scored()).isFalse();
    }

    @Test
    void theScoresInTheManifestTravelInTheCheckpointEvent() {
        QualityScores scores = new QualityScores(31.5, 5.5, 3.1, null, 2000, "mnist-cnn-0123456789ab");

        assertThat(publisher().publish(manifest(1, 5).withQuality(scores), encoding())).isTrue();

        CheckpointEvent event = events.checkpoints.get(0);
        assertThat(event.quality()).isEqualTo(scores);
        assertThat(event.schemaVersion()).isEqualTo(SchemaVersions.CHECKPOINT_EVENT);
    }

    @Test
    void whenS3DoesNotConfirmTheObjectsNothingIsAnnouncedAndTheFailureEndsTheRun() {
        RunPublisher publisher = publisher();
        objects.failures = 1;

        assertThatThrownBy(() -> publisher.publish(manifest(1, 5), encoding()))
                .isInstanceOf(StorageException.class);
        publisher.failed("StorageException: S3 down");

        assertThat(events.log).containsExactly("status RUNNING storing checkpoint 1",
                "store 1 (failed)", "status FAILED StorageException: S3 down");
        assertThat(events.statuses.get(events.statuses.size() - 1).checkpoints()).as("no checkpoint counted").isZero();
    }

    @Test
    void whenKafkaDoesNotAcknowledgeTheEventTheObjectsStayStoredUnannouncedAndTheFailureEndsTheRun() {
        RunPublisher publisher = publisher();
        events.refuseCheckpoints = true;

        assertThatThrownBy(() -> publisher.publish(manifest(1, 5), encoding()))
                .isInstanceOf(Acks.NotAcknowledgedException.class);

        assertThat(events.log).containsExactly("status RUNNING storing checkpoint 1",
                "store 1", "checkpoint 1 (refused)");
        assertThat(objects.stored).hasSize(1);
    }

    @Test
    void aCheckpointEventThatFailsTransientlyIsSentAgainAndTheRunGoesOn() {
        RunPublisher publisher = publisher();
        events.transientCheckpointFailures.set(2);

        publisher.publish(manifest(1, 5), encoding());

        assertThat(events.log).containsExactly("status RUNNING storing checkpoint 1",
                "store 1", "checkpoint 1 (not enough replicas)",
                "checkpoint 1 (not enough replicas)", "checkpoint 1", "status RUNNING checkpoint 1 stored");
        assertThat(objects.stored).as("stored once, announced once").hasSize(1);
        assertThat(events.checkpoints).hasSize(1);
    }

    @Test
    void aStoppedRunSaysStoppingBeforeItsFinalCheckpointAndStoppedAfterIt() {
        RunPublisher publisher = publisher();
        control.requestStop();

        publisher.publish(manifest(1, 3), encoding());
        publisher.finished(true);

        assertThat(events.log).containsExactly("status STOPPING stopping at step 3", "store 1", "checkpoint 1",
                "status STOPPING final checkpoint 1 stored",
                "status STOPPED stopped at step 0");
        assertThat(publisher.stopRequested()).isTrue();
    }

    @Test
    void whenStoppingIsNotAcknowledgedTheFinalCheckpointIsNeitherEncodedNorStored() {
        RunPublisher publisher = publisher();
        control.requestStop();
        events.refuseStatuses = true;

        assertThatThrownBy(() -> publisher.publish(manifest(1, 3), encoding()))
                .isInstanceOf(Acks.NotAcknowledgedException.class);

        assertThat(events.log).containsExactly("status STOPPING stopping at step 3 (refused)");
        assertThat(encodings).hasValue(0);
    }

    @Test
    void whenTheStatusBeforeTheObjectsIsRefusedNothingIsEncodedStoredOrAnnounced() {
        // Through the fencing writer, a refusal here means the run was taken over: the objects of this version are
        // the new owner's to write.
        RunPublisher publisher = publisher();
        events.refuseStatuses = true;

        assertThatThrownBy(() -> publisher.publish(manifest(1, 5), encoding()))
                .isInstanceOf(Acks.NotAcknowledgedException.class);

        assertThat(events.log).containsExactly("status RUNNING storing checkpoint 1 (refused)");
        assertThat(encodings).hasValue(0);
        assertThat(objects.stored).isEmpty();
    }

    @Test
    void aShutdownConfiguredToLeaveLikeACrashStoresNothingAndLeavesTheRunRunning() {
        RunPublisher publisher = publisher(false, 0, 0);
        control.requestShutdown();

        assertThat(publisher.publish(manifest(2, 7), encoding())).isFalse();
        publisher.finished(true);

        assertThat(events.log).isEmpty();
        assertThat(encodings).hasValue(0);
        assertThat(publisher.stopRequested()).isTrue();
    }

    @Test
    void aShutdownStoresAndAnnouncesAGoodbyeCheckpointAndLeavesTheRunRunningForTheRestart() {
        RunPublisher publisher = publisher(true, 0, 0);
        control.requestShutdown();

        assertThat(publisher.publish(manifest(1, 7), encoding())).isTrue();
        publisher.finished(true);

        assertThat(events.log).containsExactly("status RUNNING storing checkpoint 1",
                "store 1", "checkpoint 1", "status RUNNING checkpoint 1 stored");
    }

    @Test
    void everyStepSendsALossEventAndTheStatusIsRefreshedEveryFiveSeconds() {
        RunPublisher publisher = publisher();
        publisher.started("training");
        clock.set(Duration.ofSeconds(1).toNanos());
        publisher.onStep(step(1, 0.69));
        clock.set(Duration.ofSeconds(5).toNanos());
        publisher.onStep(step(2, 0.68));

        assertThat(events.log).containsExactly("status RUNNING training", "loss 1", "loss 2",
                "status RUNNING training");
        LossEvent first = events.losses.get(0);
        assertThat(first.runId()).isEqualTo("run-1");
        assertThat(first.epoch()).isEqualTo(1);
        assertThat(first.discriminatorLoss()).isEqualTo(0.69);
        assertThat(events.statuses.get(1).step()).isEqualTo(2);
        assertThat(events.statuses.get(1).totalSteps()).isEqualTo(24);
    }

    @Test
    void aDivergedStepEndsTheRunWithoutALossEvent() {
        RunPublisher publisher = publisher();

        assertThatThrownBy(() -> publisher.onStep(step(4, Double.NaN)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("diverged at step 4");

        assertThat(events.losses).isEmpty();
    }

    @Test
    void theFinalStatusWaitsUntilTheLossEventsInFlightAreAcknowledged() throws Exception {
        RunPublisher publisher = publisher();
        publisher.started("training");
        events.holdLosses = true;
        publisher.onStep(step(1, 0.69));
        publisher.onStep(step(2, 0.68));

        Thread finishing = new Thread(() -> publisher.finished(false));
        finishing.start();
        finishing.join(200);
        assertThat(events.statuses).as("FINISHED before its losses").extracting(RunStatus::state)
                .containsExactly(State.RUNNING);

        events.held.forEach(f -> f.complete(null));
        finishing.join(5_000);
        assertThat(events.log).containsExactly("status RUNNING training", "loss 1", "loss 2",
                "status FINISHED finished");
    }

    @Test
    void theFinishedStatusCarriesTheFinalScoreAndAStoppedOneNone() {
        QualityScores last = new QualityScores(21.5, 7.5, 3.3, null, 10_000, "mnist-cnn-0123456789ab");
        RunPublisher publisher = publisher();
        publisher.started("training");
        publisher.onStep(step(1, 0.69));

        publisher.finished(false, last);

        RunStatus finished = events.statuses.get(events.statuses.size() - 1);
        assertThat(finished.state()).isEqualTo(State.FINISHED);
        assertThat(finished.finalQuality()).isEqualTo(last);
        assertThat(finished.schemaVersion()).isEqualTo(2);
        assertThat(finished.message()).contains(last.summary());
        assertThat(events.statuses.subList(0, events.statuses.size() - 1)).extracting(RunStatus::finalQuality)
                .containsOnlyNulls();
    }

    @Test
    void aResumedRunReportsTheStepEpochAndCheckpointsItResumedFrom() {
        RunPublisher publisher = publisher(true, 16, 2);

        publisher.started("resumed from checkpoint version 2 at step 16");

        RunStatus status = events.statuses.get(0);
        assertThat(status.state()).isEqualTo(State.RUNNING);
        assertThat(status.step()).isEqualTo(16);
        assertThat(status.epoch()).isEqualTo(3);
        assertThat(status.checkpoints()).isEqualTo(2);
        assertThat(status.trainer()).isEqualTo(ME);
    }

    /** Every write in one log, in the order made; acknowledgements complete at once unless refused or held. */
    private static final class Events implements TrainerEvents {
        final List<String> log = new CopyOnWriteArrayList<>();
        final List<RunStatus> statuses = new CopyOnWriteArrayList<>();
        final List<LossEvent> losses = new CopyOnWriteArrayList<>();
        final List<CheckpointEvent> checkpoints = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<Void>> held = new CopyOnWriteArrayList<>();
        volatile boolean refuseStatuses;
        volatile boolean refuseCheckpoints;
        /** Checkpoint events that fail as a broker without enough in-sync replicas fails them, before one passes. */
        final AtomicInteger transientCheckpointFailures = new AtomicInteger();
        volatile boolean holdLosses;

        @Override
        public CompletionStage<Void> status(RunStatus status) {
            String entry = "status " + status.state() + " " + status.message();
            if (refuseStatuses) {
                log.add(entry + " (refused)");
                return CompletableFuture.failedFuture(new IllegalStateException("broker down"));
            }
            log.add(entry);
            statuses.add(status);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> loss(LossEvent event) {
            log.add("loss " + event.step());
            losses.add(event);
            if (holdLosses) {
                CompletableFuture<Void> ack = new CompletableFuture<>();
                held.add(ack);
                return ack;
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> checkpoint(CheckpointEvent event, RunStatus counted) {
            if (refuseCheckpoints) {
                log.add("checkpoint " + event.version() + " (refused)");
                return CompletableFuture.failedFuture(new IllegalStateException("broker down"));
            }
            if (transientCheckpointFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                log.add("checkpoint " + event.version() + " (not enough replicas)");
                return CompletableFuture.failedFuture(
                        new org.apache.kafka.common.errors.NotEnoughReplicasException("1 of 2 in sync"));
            }
            log.add("checkpoint " + event.version());
            checkpoints.add(event);
            return status(counted);
        }

        @Override
        public CompletionStage<Void> request(TrainingRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<Void> command(RunCommand command) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<Void> deadLetter(String sourceTopic, int partition, long offset, String key,
                                                byte[] value, String reason) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class Objects implements CheckpointObjects {
        final List<String> log;
        final List<StoredCheckpoint> stored = new CopyOnWriteArrayList<>();
        int failures;

        Objects(List<String> log) {
            this.log = log;
        }

        @Override
        public StoredCheckpoint store(String runId, long version, byte[] zip, byte[] gridPng) {
            if (failures > 0) {
                failures--;
                log.add("store " + version + " (failed)");
                throw new StorageException("S3 down", null);
            }
            log.add("store " + version);
            StoredCheckpoint done = new StoredCheckpoint("bucket", runId, version,
                    ObjectLayout.checkpointKey(runId, version), zip.length, "ab".repeat(32),
                    ObjectLayout.gridKey(runId, version));
            stored.add(done);
            return done;
        }
    }
}
