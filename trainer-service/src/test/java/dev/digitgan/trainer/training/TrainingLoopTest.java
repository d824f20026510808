package dev.digitgan.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.model.checkpoint.Checkpoint;
import dev.digitgan.model.checkpoint.CheckpointFormat;
import dev.digitgan.model.checkpoint.CheckpointManifest;
import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.nets.GanModel;
import dev.digitgan.model.nets.GanNetworks;
import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.spec.Presets;
import dev.digitgan.model.train.StepResult;
import dev.digitgan.trainer.training.TrainingListener.CheckpointReason;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The loop's schedule (steps, epochs, checkpoints, stop, shutdown) and exact resumption, on synthetic images. */
class TrainingLoopTest {

    /** 64 images at batch 16: 4 steps per epoch. */
    private static final GanSpec SPEC = Presets.mlp().withBatchSize(16);
    private static final MnistDataset DATA = synthetic(64);

    record Checkpointed(long step, int epoch, CheckpointReason reason) {
    }

    /** Records what the loop reports; optionally keeps the bytes of each checkpoint. */
    static final class Recorder implements TrainingListener {
        final List<TrainingProgress> steps = new ArrayList<>();
        final List<StepResult> results = new ArrayList<>();
        final List<Checkpointed> checkpoints = new ArrayList<>();
        final List<byte[]> zips = new ArrayList<>();
        boolean keepZips;

        @Override
        public void stepDone(TrainingProgress progress, StepResult result, double imagesPerSecond) {
            steps.add(progress);
            results.add(result);
        }

        @Override
        public void checkpoint(GanModel model, TrainingProgress progress, StepResult last, CheckpointReason reason)
                throws Exception {
            checkpoints.add(new Checkpointed(progress.step(), progress.epoch(), reason));
            if (keepZips) {
                zips.add(CheckpointFormat.toBytes(Checkpoint.snapshot(model, CheckpointManifest.of("t", zips.size() + 1,
                        model.spec(), progress.completedEpochs(), progress.step(), Instant.now(), null))));
            }
        }
    }

    @Test
    void reportsEveryStepAndCheckpointsAtIntervalsAndEpochEnds() throws Exception {
        TrainingLoop loop = new TrainingLoop(GanNetworks.create(SPEC), DATA, 2, 3, 0);
        Recorder recorder = new Recorder();

        TrainingLoop.Outcome outcome = loop.run(recorder, () -> false, () -> false, true);

        assertThat(outcome).isEqualTo(TrainingLoop.Outcome.FINISHED);
        assertThat(loop.stepsPerEpoch()).isEqualTo(4);
        assertThat(recorder.steps).extracting(TrainingProgress::step).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(recorder.steps).extracting(TrainingProgress::epoch).containsExactly(1, 1, 1, 1, 2, 2, 2, 2);
        assertThat(recorder.checkpoints).containsExactly(
                new Checkpointed(3, 1, CheckpointReason.INTERVAL),
                new Checkpointed(4, 1, CheckpointReason.EPOCH_END),
                new Checkpointed(6, 2, CheckpointReason.INTERVAL),
                new Checkpointed(8, 2, CheckpointReason.EPOCH_END));
        assertThat(recorder.results).allSatisfy(r -> {
            assertThat(r.dLoss()).isFinite().isPositive();
            assertThat(r.dOfX()).isBetween(0.0, 1.0);
        });
    }

    @Test
    void aStopEndsTheRunAfterTheCurrentStepWithAFinalCheckpoint() throws Exception {
        TrainingLoop loop = new TrainingLoop(GanNetworks.create(SPEC), DATA, 3, 0, 0);
        Recorder recorder = new Recorder();

        TrainingLoop.Outcome outcome = loop.run(recorder, () -> recorder.steps.size() >= 6, () -> false, true);

        assertThat(outcome).isEqualTo(TrainingLoop.Outcome.STOPPED);
        assertThat(recorder.steps).hasSize(6);
        assertThat(recorder.checkpoints).containsExactly(
                new Checkpointed(4, 1, CheckpointReason.EPOCH_END),
                new Checkpointed(6, 2, CheckpointReason.STOPPED));
    }

    @Test
    void aStopRightAfterACheckpointDoesNotCheckpointTwice() throws Exception {
        TrainingLoop loop = new TrainingLoop(GanNetworks.create(SPEC), DATA, 3, 0, 0);
        Recorder recorder = new Recorder();

        loop.run(recorder, () -> recorder.steps.size() >= 4, () -> false, true);

        assertThat(recorder.checkpoints).containsExactly(new Checkpointed(4, 1, CheckpointReason.EPOCH_END));
    }

    @Test
    void aShutdownLeavesWithACheckpointOnlyWhenAskedTo() throws Exception {
        Recorder with = new Recorder();
        TrainingLoop.Outcome outcome = new TrainingLoop(GanNetworks.create(SPEC), DATA, 2, 0, 0)
                .run(with, () -> false, () -> with.steps.size() >= 2, true);
        assertThat(outcome).isEqualTo(TrainingLoop.Outcome.INTERRUPTED);
        assertThat(with.checkpoints).containsExactly(new Checkpointed(2, 1, CheckpointReason.SHUTDOWN));

        Recorder without = new Recorder();
        new TrainingLoop(GanNetworks.create(SPEC), DATA, 2, 0, 0)
                .run(without, () -> false, () -> without.steps.size() >= 2, false);
        assertThat(without.steps).hasSize(2);
        assertThat(without.checkpoints).isEmpty();
    }

    @Test
    void aRunResumedFromACheckpointContinuesExactlyAsTheUninterruptedRun() throws Exception {
        Recorder whole = new Recorder();
        new TrainingLoop(GanNetworks.create(SPEC), DATA, 2, 0, 0).run(whole, () -> false, () -> false, true);

        // Interrupted mid-epoch at step 3 with a checkpoint, then resumed from that checkpoint's bytes.
        Recorder first = new Recorder();
        first.keepZips = true;
        new TrainingLoop(GanNetworks.create(SPEC), DATA, 2, 0, 0)
                .run(first, () -> first.steps.size() >= 3, () -> false, true);
        Checkpoint checkpoint = CheckpointFormat.read(new ByteArrayInputStream(first.zips.get(0)));
        assertThat(checkpoint.manifest().step()).isEqualTo(3);
        Recorder rest = new Recorder();
        TrainingLoop resumed = new TrainingLoop(checkpoint.toModel(), DATA, 2, 0, checkpoint.manifest().step());
        assertThat(resumed.run(rest, () -> false, () -> false, true)).isEqualTo(TrainingLoop.Outcome.FINISHED);

        assertThat(rest.steps).extracting(TrainingProgress::step).containsExactly(4L, 5L, 6L, 7L, 8L);
        assertThat(first.results).containsExactlyElementsOf(whole.results.subList(0, 3));
        assertThat(rest.results).containsExactlyElementsOf(whole.results.subList(3, 8));
    }

    @Test
    void rejectsAStartBeyondTheRun() {
        assertThatThrownBy(() -> new TrainingLoop(GanNetworks.create(SPEC), DATA, 1, 0, 5))
                .hasMessageContaining("start step 5 outside 0..4");
    }

    /** Images with values in [-1, 1], a fixed random pattern; the loop does not care what they show. */
    static MnistDataset synthetic(int count) {
        Random random = new Random(1);
        float[] images = new float[count * GanSpec.IMAGE_PIXELS];
        for (int i = 0; i < images.length; i++) {
            images[i] = random.nextFloat() * 2 - 1;
        }
        return new MnistDataset(count, GanSpec.IMAGE_SIDE, GanSpec.IMAGE_SIDE, images, new byte[count]);
    }
}
