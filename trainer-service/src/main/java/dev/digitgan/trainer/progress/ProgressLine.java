package dev.digitgan.trainer.progress;

import dev.digitgan.model.train.StepProgress;
import dev.digitgan.model.train.StepResult;
import java.time.Duration;
import java.util.Locale;

/** The line a person watches while a run trains: where it is, how fast, the readings and the time left. */
public final class ProgressLine {

    private ProgressLine() {
    }

    /** @param batchSize images per step, for the time left at the current speed */
    public static String format(StepProgress p, int batchSize) {
        StepResult r = p.result();
        String eta = p.imagesPerSecond() > 0 ? human(p.estimatedTimeLeft(batchSize)) : "?";
        return String.format(Locale.ROOT,
                "epoch %d/%d  step %d/%d (%d/%d)  %,.0f img/s  D loss %.4f  G loss %.4f  D(x) %.3f  D(G(z)) %.3f"
                        + "  ETA %s",
                p.epoch(), p.epochs(), p.stepInEpoch(), p.stepsPerEpoch(), p.step(), p.totalSteps(),
                p.imagesPerSecond(), r.dLoss(), r.gLoss(), r.dOfX(), r.dOfGz(), eta);
    }

    /** "1h02m", "3m05s", "12s": compact enough for a progress line. */
    public static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
