package dev.digitgan.trainer.progress;

import dev.digitgan.model.train.StepResult;
import dev.digitgan.trainer.training.TrainingProgress;
import java.time.Duration;
import java.util.Locale;

/** The line a person watches while a run trains: where it is, how fast, the readings and the time left. */
public final class ProgressLine {

    private ProgressLine() {
    }

    /**
     * @param imagesPerSecond recent speed; the time left is estimated from it (none while it is 0)
     * @param batchSize       images per step
     */
    public static String format(TrainingProgress p, StepResult r, double imagesPerSecond, int batchSize) {
        String eta = imagesPerSecond > 0
                ? ProgressMeter.human(Duration.ofMillis(Math.round(p.stepsLeft() * batchSize / imagesPerSecond * 1000)))
                : "?";
        return String.format(Locale.ROOT,
                "epoch %d/%d  step %d/%d (%d/%d)  %,.0f img/s  D loss %.4f  G loss %.4f  D(x) %.3f  D(G(z)) %.3f  ETA %s",
                p.epoch(), p.epochs(), p.stepInEpoch(), p.stepsPerEpoch(), p.step(), p.totalSteps(), imagesPerSecond,
                r.dLoss(), r.gLoss(), r.dOfX(), r.dOfGz(), eta);
    }
}
