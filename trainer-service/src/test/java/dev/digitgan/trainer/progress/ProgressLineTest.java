package dev.digitgan.trainer.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.train.StepResult;
import dev.digitgan.trainer.training.TrainingProgress;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void showsEpochStepSpeedLossesAndTimeLeft() {
        // step 250 of 2 x 234: epoch 2, 16th step in it; 218 steps of 256 images left at 2,560 img/s = 21.8 s
        TrainingProgress p = new TrainingProgress(250, 2, 2, 234);
        String line = ProgressLine.format(p, new StepResult(1.23456, 0.5, 0.61, 0.42), 2560, 256);
        assertThat(line).contains("epoch 2/2", "step 16/234 (250/468)", "2,560 img/s", "D loss 1.2346",
                "G loss 0.5000", "D(x) 0.610", "D(G(z)) 0.420", "ETA 21s");
    }

    @Test
    void timeLeftIsUnknownUntilSpeedIsMeasured() {
        String line = ProgressLine.format(new TrainingProgress(1, 1, 1, 10), new StepResult(1, 1, 0.5, 0.5), 0, 64);
        assertThat(line).endsWith("ETA ?");
    }
}
