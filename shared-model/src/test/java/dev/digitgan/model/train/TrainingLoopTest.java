package dev.digitgan.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.model.checkpoint.Checkpoint;
import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.quality.QualityScores;
import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.spec.Presets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class TrainingLoopTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private final GanSpec spec = Presets.mlp().withBatchSize(16);
    /** 4 full batches of 16 per epoch, plus 5 images left over. */
    private final MnistDataset data = SyntheticDigits.of(4 * 16 + 5, 2);

    @Test
    void reportsEveryStepEveryEpochAndCheckpointsAtEpochEnds() {
        Recorder recorder = new Recorder();
        TrainingOutcome outcome = loop(new TrainingOptions("run-a", 2, 0, 9)).train(spec, data, recorder);

        assertThat(recorder.steps).hasSize(8);
        StepProgress third = recorder.steps.get(2);
        assertThat(third.epoch()).isEqualTo(1);
        assertThat(third.step()).isEqualTo(3);
        assertThat(third.stepInEpoch()).isEqualTo(3);
        assertThat(third.stepsPerEpoch()).isEqualTo(4);
        assertThat(third.totalSteps()).isEqualTo(8);
        assertThat(third.imagesPerSecond()).isPositive();
        assertThat(recorder.steps.get(4).epoch()).isEqualTo(2);
        assertThat(recorder.steps.get(4).stepInEpoch()).isEqualTo(1);

        assertThat(recorder.epochs).extracting(EpochSummary::epoch).containsExactly(1, 2);
        EpochSummary first = recorder.epochs.get(0);
        assertThat(first.step()).isEqualTo(4);
        assertThat(first.sampleCount()).isEqualTo(9);
        assertThat(first.samples()).hasSize(9 * 784);
        // the fixed z makes the grid comparable across epochs, and G changed in between
        assertThat(recorder.epochs.get(1).samples()).isNotEqualTo(first.samples());

        assertThat(recorder.checkpoints).extracting(c -> c.manifest().version()).containsExactly(1L, 2L);
        assertThat(recorder.checkpoints).extracting(c -> c.manifest().step()).containsExactly(4L, 8L);
        assertThat(recorder.checkpoints).extracting(c -> c.manifest().epoch()).containsExactly(1, 2);
        Checkpoint last = recorder.checkpoints.get(1);
        assertThat(last.manifest().runId()).isEqualTo("run-a");
        assertThat(last.manifest().createdAt()).isEqualTo(NOW);
        assertThat(last.manifest().losses().dLoss()).isEqualTo(outcome.lastResult().dLoss());
        assertThat(last.stacked().params()).isEqualTo(outcome.model().stacked().params());
        // a snapshot, not a view: training on does not change it
        assertThat(recorder.checkpoints.get(0).stacked().params()).isNotEqualTo(last.stacked().params());

        assertThat(outcome.steps()).isEqualTo(8);
        assertThat(outcome.epochs()).isEqualTo(2);
        assertThat(outcome.stopped()).isFalse();
        assertThat(outcome.lastCheckpoint()).isEqualTo(2);
    }

    @Test
    void checkpointsEveryNStepsInsideEpochs() {
        Recorder recorder = new Recorder();
        loop(new TrainingOptions("run-b", 2, 3, 4)).train(spec, data, recorder);
        // every 3 steps (3, 6) and at epoch ends (4, 8)
        assertThat(recorder.checkpoints).extracting(c -> c.manifest().step()).containsExactly(3L, 4L, 6L, 8L);
        assertThat(recorder.checkpoints).extracting(c -> c.manifest().version()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aStopRequestEndsTrainingAfterAFinalCheckpoint() {
        Recorder recorder = new Recorder();
        recorder.stopAfterSteps = 6;
        TrainingOutcome outcome = loop(new TrainingOptions("run-c", 3, 0, 4)).train(spec, data, recorder);
        assertThat(outcome.stopped()).isTrue();
        assertThat(outcome.steps()).isEqualTo(6);
        assertThat(recorder.epochs).hasSize(1);
        assertThat(recorder.checkpoints).extracting(c -> c.manifest().step()).containsExactly(4L, 6L);
        assertThat(outcome.lastCheckpoint()).isEqualTo(2);
    }

    @Test
    void resumingPastTheEndOfTheRunIsRejected() {
        Recorder recorder = new Recorder();
        loop(new TrainingOptions("run-d", 2, 0, 4)).train(spec, data, recorder);
        Checkpoint atEnd = recorder.checkpoints.get(1);
        assertThatThrownBy(() -> loop(new TrainingOptions("run-d", 1, 0, 4)).resume(atEnd, data, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot resume at step 8");
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> new TrainingOptions(" ", 1, 0, 64)).hasMessageContaining("runId");
        assertThatThrownBy(() -> new TrainingOptions("r", 0, 0, 64)).hasMessageContaining("epochs");
        assertThatThrownBy(() -> new TrainingOptions("r", 1, -1, 64)).hasMessageContaining("checkpointEverySteps");
        assertThatThrownBy(() -> new TrainingOptions("r", 1, 0, 0)).hasMessageContaining("sampleCount");
    }

    @Test
    void timeLeftFollowsTheRate() {
        StepProgress p = new StepProgress(1, 1, 10, 110, 10, 110, new StepResult(1, 1, 0.5, 0.5), 256, null);
        assertThat(p.estimatedTimeLeft(256).toSeconds()).isEqualTo(100);
        StepProgress done = new StepProgress(1, 1, 110, 110, 110, 110, new StepResult(1, 1, 0.5, 0.5), 256, null);
        assertThat(done.estimatedTimeLeft(256)).isZero();
    }

    @Test
    void everyCheckpointIsScoredOnItsOwnWeightsBeforeItIsHandedOnAndTheLastWeightsOnTheFinalN() {
        Recorder recorder = new Recorder();
        List<Integer> scoredN = new ArrayList<>();
        // The "score" is a fingerprint of the generator's outputs: equal only for equal weights.
        CheckpointScorer fingerprint = (generator, n) -> {
            scoredN.add(n);
            float[] out = generator.generate(7L, 2);
            double sum = 0;
            for (int i = 0; i < out.length; i++) {
                sum += Math.abs(out[i]) * (1 + i % 13);
            }
            return new QualityScores(sum, 1 + scoredN.size(), 1.0, null, n, "fingerprint");
        };
        TrainingOptions options = new TrainingOptions("run-q", 2, 0, 9).scored(300, 10_000);

        TrainingOutcome outcome = new TrainingLoop(options, Clock.fixed(NOW, ZoneOffset.UTC), fingerprint)
                .train(spec, data, recorder);

        assertThat(scoredN).containsExactly(300, 300, 10_000);
        assertThat(recorder.checkpoints).extracting(c -> c.manifest().quality().samples()).containsExactly(300, 300);
        for (Checkpoint checkpoint : recorder.checkpoints) {
            QualityScores own = fingerprint.score(new Generator(checkpoint.generator()), 300);
            assertThat(checkpoint.manifest().quality().frechetDistance()).isEqualTo(own.frechetDistance());
        }
        assertThat(recorder.checkpoints.get(0).manifest().quality().frechetDistance())
                .isNotEqualTo(recorder.checkpoints.get(1).manifest().quality().frechetDistance());
        assertThat(outcome.finalQuality().samples()).isEqualTo(10_000);
        assertThat(outcome.finalQuality().frechetDistance())
                .isEqualTo(recorder.checkpoints.get(1).manifest().quality().frechetDistance());
    }

    @Test
    void aScoredCheckpointReleasesTheTrainingThreadsWorkspacesAndChangesNoWeight() {
        for (GanSpec preset : List.of(spec, Presets.dcgan().withBatchSize(16))) {
            // a scorer like the evaluator: inference at another batch size than a step's, in the thread's workspaces
            CheckpointScorer inference = (generator, n) -> {
                float[] out = generator.generate(7L, 40);
                return new QualityScores(Math.abs(out[0]), 1, 1, null, n, "inference");
            };
            List<Integer> workspacesAtCheckpoints = new ArrayList<>();
            TrainingListener counting = new Recorder() {
                @Override
                public void onCheckpoint(Checkpoint checkpoint) {
                    workspacesAtCheckpoints.add(Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread().size());
                }
            };
            TrainingOutcome scored = new TrainingLoop(new TrainingOptions("run-w", 3, 0, 4).scored(40, 0),
                    Clock.fixed(NOW, ZoneOffset.UTC), inference).train(preset, data, counting);
            List<Integer> unscoredWorkspaces = new ArrayList<>();
            TrainingOutcome unscored = loop(new TrainingOptions("run-w", 3, 0, 4)).train(preset, data, new Recorder() {
                @Override
                public void onCheckpoint(Checkpoint checkpoint) {
                    unscoredWorkspaces.add(Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread().size());
                }
            });

            String name = preset.preset();
            assertThat(workspacesAtCheckpoints).as(name).hasSize(3).containsOnly(0);
            assertThat(unscoredWorkspaces).as(name + ": steps leave workspaces, so the check above can fail")
                    .hasSize(3).allMatch(count -> count > 0);
            assertThat(scored.model().stacked().params()).as(name).isEqualTo(unscored.model().stacked().params());
        }
    }

    @Test
    void aLoopWithoutAScorerWritesUnscoredCheckpoints() {
        Recorder recorder = new Recorder();
        TrainingOutcome outcome = loop(new TrainingOptions("run-u", 1, 0, 4)).train(spec, data, recorder);

        assertThat(recorder.checkpoints).isNotEmpty().allMatch(c -> c.manifest().quality() == null);
        assertThat(outcome.finalQuality()).isNull();
        assertThatThrownBy(() -> new TrainingOptions("run-u", 1, 0, 4).scored(1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 2");
    }

    private static TrainingLoop loop(TrainingOptions options) {
        return new TrainingLoop(options, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static class Recorder implements TrainingListener {
        final List<StepProgress> steps = new ArrayList<>();
        final List<EpochSummary> epochs = new ArrayList<>();
        final List<Checkpoint> checkpoints = new ArrayList<>();
        int stopAfterSteps = Integer.MAX_VALUE;

        @Override
        public void onStep(StepProgress progress) {
            steps.add(progress);
        }

        @Override
        public void onEpochEnd(EpochSummary summary) {
            epochs.add(summary);
        }

        @Override
        public void onCheckpoint(Checkpoint checkpoint) {
            checkpoints.add(checkpoint);
        }

        @Override
        public boolean stopRequested() {
            return steps.size() >= stopAfterSteps;
        }
    }
}
