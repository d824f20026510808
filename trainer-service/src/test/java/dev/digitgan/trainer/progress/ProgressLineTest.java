package dev.digitgan.trainer.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.train.StepProgress;
import dev.digitgan.model.train.StepResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void showsEpochStepSpeedLossesAndTimeLeft() {
        // step 250 of 2 x 234: epoch 2, 16th step in it; 218 steps of 256 images left at 2,560 img/s = 21.8 s
        StepProgress p = new StepProgress(2, 2, 250, 468, 16, 234, new StepResult(1.23456, 0.5, 0.61, 0.42), 2560,
                Duration.ofSeconds(30));
        assertThat(ProgressLine.format(p, 256)).contains("epoch 2/2", "step 16/234 (250/468)", "2,560 img/s",
                "D loss 1.2346", "G loss 0.5000", "D(x) 0.610", "D(G(z)) 0.420", "ETA 21s");
    }

    @Test
    void timeLeftIsUnknownUntilSpeedIsMeasured() {
        StepProgress p = new StepProgress(1, 1, 1, 10, 1, 10, new StepResult(1, 1, 0.5, 0.5), 0, Duration.ZERO);
        assertThat(ProgressLine.format(p, 64)).endsWith("ETA ?");
    }

    @Test
    void durationsAreCompact() {
        assertThat(ProgressLine.human(Duration.ofSeconds(12))).isEqualTo("12s");
        assertThat(ProgressLine.human(Duration.ofSeconds(185))).isEqualTo("3m05s");
        assertThat(ProgressLine.human(Duration.ofMinutes(62))).isEqualTo("1h02m");
        assertThat(ProgressLine.human(Duration.ofSeconds(-5))).isEqualTo("0s");
    }
}
