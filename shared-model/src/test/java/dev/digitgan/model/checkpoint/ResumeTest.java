package dev.digitgan.model.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.spec.Presets;
import dev.digitgan.model.train.SyntheticDigits;
import dev.digitgan.model.train.TrainingListener;
import dev.digitgan.model.train.TrainingLoop;
import dev.digitgan.model.train.TrainingOptions;
import dev.digitgan.model.train.TrainingOutcome;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run resumed from a written and re-read checkpoint ends with the same weights as an uninterrupted run. */
class ResumeTest {

    private final MnistDataset data = SyntheticDigits.of(5 * 16 + 3, 11);

    @Test
    void resumingAtAnEpochEndMatchesAnUninterruptedRun() throws IOException {
        check(Presets.mlp().withBatchSize(16), 0, 1);
    }

    @Test
    void resumingMidEpochMatchesAnUninterruptedRun() throws IOException {
        // checkpoints every 3 steps of 5-step epochs: the 3rd checkpoint is at step 9, inside epoch 2
        check(Presets.mlp().withBatchSize(16), 3, 3);
    }

    @Test
    void aDcganResumesExactlyToo() throws IOException {
        check(Presets.dcgan().withBatchSize(16), 0, 1);
    }

    private void check(GanSpec spec, long checkpointEvery, int resumeFromCheckpoint) throws IOException {
        TrainingOptions options = new TrainingOptions("resume-test", 3, checkpointEvery, 4);
        Recorder uninterrupted = new Recorder();
        TrainingOutcome whole = new TrainingLoop(options).train(spec, data, uninterrupted);

        byte[] stored = CheckpointFormat.toBytes(uninterrupted.checkpoints.get(resumeFromCheckpoint - 1));
        Checkpoint restored = CheckpointFormat.read(new ByteArrayInputStream(stored));
        Recorder resumed = new Recorder();
        TrainingOutcome rest = new TrainingLoop(options).resume(restored, data, resumed);

        assertThat(rest.steps()).isEqualTo(whole.steps());
        assertThat(rest.model().stacked().params()).isEqualTo(whole.model().stacked().params());
        assertThat(rest.model().discriminator().getUpdater().getStateViewArray())
                .isEqualTo(whole.model().discriminator().getUpdater().getStateViewArray());
        // versions continue, and the last checkpoints are the same snapshots
        Checkpoint a = uninterrupted.checkpoints.get(uninterrupted.checkpoints.size() - 1);
        Checkpoint b = resumed.checkpoints.get(resumed.checkpoints.size() - 1);
        assertThat(b.manifest().version()).isEqualTo(a.manifest().version());
        assertThat(b.manifest().step()).isEqualTo(a.manifest().step());
        assertThat(b.manifest().losses()).isEqualTo(a.manifest().losses());
        assertThat(CheckpointFormat.toBytes(b).length).isPositive();
    }

    private static final class Recorder implements TrainingListener {
        final List<Checkpoint> checkpoints = new ArrayList<>();

        @Override
        public void onCheckpoint(Checkpoint checkpoint) {
            checkpoints.add(checkpoint);
        }
    }
}
