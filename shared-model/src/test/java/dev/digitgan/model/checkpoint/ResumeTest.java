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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A run resumed from a written and re-read checkpoint ends with the same weights and Adam state as an uninterrupted
 * run: every network rebuilt from the spec, its arrays and iteration counts set from the checkpoint's data.
 */
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

    @Test
    void aCheckpointWithModelSerializerTrainingStateResumesExactly() throws IOException {
        // format 2 as written until 2026-12-02 (D and stacked as ModelSerializer zips), and format 1, read as data
        check(Presets.mlp().withBatchSize(16), 3, 3, LegacyCheckpoints::formatTwoWithZips);
        check(Presets.mlp().withBatchSize(16), 0, 1, LegacyCheckpoints::formatOne);
    }

    @Test
    void theIterationCountsAreWhatMakesTheResumeExact() throws IOException {
        // Adam's bias correction at t = 0 again: the same weights and Adam state, but a different continuation
        GanSpec spec = Presets.mlp().withBatchSize(16);
        TrainingOptions options = new TrainingOptions("resume-test", 3, 0, 4);
        Recorder uninterrupted = new Recorder();
        TrainingOutcome whole = new TrainingLoop(options).train(spec, data, uninterrupted);
        Checkpoint epochOne = uninterrupted.checkpoints.get(0);
        Map<String, byte[]> entries = new LinkedHashMap<>(LegacyCheckpoints.entries(
                CheckpointFormat.toBytes(epochOne)));
        entries.remove(CheckpointFormat.MANIFEST);
        entries.put(CheckpointFormat.TRAINING_COUNTERS, """
                {"discriminator": {"iterations": 0, "epochs": 0}, "stacked": {"iterations": 0, "epochs": 0}}"""
                .getBytes(StandardCharsets.UTF_8));
        Checkpoint reset = CheckpointFormat.read(new ByteArrayInputStream(LegacyCheckpoints.withManifest(
                epochOne.manifest(), CheckpointFormat.FORMAT_VERSION, entries)));
        assertThat(reset.stacked().params()).isEqualTo(epochOne.stacked().params());
        assertThat(reset.stacked().getIterationCount()).isZero();

        TrainingOutcome rest = new TrainingLoop(options).resume(reset, data, new Recorder());
        assertThat(rest.steps()).isEqualTo(whole.steps());
        assertThat(rest.model().stacked().params()).isNotEqualTo(whole.model().stacked().params());
    }

    private void check(GanSpec spec, long checkpointEvery, int resumeFromCheckpoint) throws IOException {
        check(spec, checkpointEvery, resumeFromCheckpoint, CheckpointFormat::toBytes);
    }

    private void check(GanSpec spec, long checkpointEvery, int resumeFromCheckpoint, Writer writer)
            throws IOException {
        TrainingOptions options = new TrainingOptions("resume-test", 3, checkpointEvery, 4);
        Recorder uninterrupted = new Recorder();
        TrainingOutcome whole = new TrainingLoop(options).train(spec, data, uninterrupted);

        byte[] stored = writer.write(uninterrupted.checkpoints.get(resumeFromCheckpoint - 1));
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

    @FunctionalInterface
    private interface Writer {
        byte[] write(Checkpoint checkpoint) throws IOException;
    }

    private static final class Recorder implements TrainingListener {
        final List<Checkpoint> checkpoints = new ArrayList<>();

        @Override
        public void onCheckpoint(Checkpoint checkpoint) {
            checkpoints.add(checkpoint);
        }
    }
}
