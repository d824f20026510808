package dev.digitgan.metrics.aggregate;

import dev.digitgan.model.events.LossEvent;
import java.time.Instant;

/** Consecutive steps of a run's loss history folded into one point (mutable; owned by {@link LossHistory}). */
final class HistoryBucket {

    private long firstStep;
    private long lastStep;
    private int lastEpoch;
    private Instant lastTime;
    private final RunningStats discriminatorLoss = new RunningStats();
    private final RunningStats generatorLoss = new RunningStats();
    private final RunningStats dReal = new RunningStats();
    private final RunningStats dFake = new RunningStats();
    private final RunningStats imagesPerSecond = new RunningStats();

    HistoryBucket(LossEvent first) {
        firstStep = first.step();
        lastStep = first.step();
        add(first);
    }

    void add(LossEvent e) {
        firstStep = Math.min(firstStep, e.step());
        if (e.step() >= lastStep) {
            lastStep = e.step();
            lastEpoch = e.epoch();
            lastTime = e.time();
        }
        discriminatorLoss.add(e.discriminatorLoss());
        generatorLoss.add(e.generatorLoss());
        dReal.add(e.dReal());
        dFake.add(e.dFake());
        imagesPerSecond.add(e.imagesPerSecond());
    }

    /** Folds {@code later} (the bucket right after this one) into this one. */
    void merge(HistoryBucket later) {
        firstStep = Math.min(firstStep, later.firstStep);
        if (later.lastStep >= lastStep) {
            lastStep = later.lastStep;
            lastEpoch = later.lastEpoch;
            lastTime = later.lastTime;
        }
        discriminatorLoss.addAll(later.discriminatorLoss);
        generatorLoss.addAll(later.generatorLoss);
        dReal.addAll(later.dReal);
        dFake.addAll(later.dFake);
        imagesPerSecond.addAll(later.imagesPerSecond);
    }

    HistoryBucket copy() {
        return new HistoryBucket(this);
    }

    private HistoryBucket(HistoryBucket source) {
        firstStep = source.firstStep;
        lastStep = source.lastStep;
        lastEpoch = source.lastEpoch;
        lastTime = source.lastTime;
        discriminatorLoss.addAll(source.discriminatorLoss);
        generatorLoss.addAll(source.generatorLoss);
        dReal.addAll(source.dReal);
        dFake.addAll(source.dFake);
        imagesPerSecond.addAll(source.imagesPerSecond);
    }

    long firstStep() {
        return firstStep;
    }

    long count() {
        return discriminatorLoss.count();
    }

    LossPoint toPoint() {
        return new LossPoint(lastStep, firstStep, count(), lastEpoch, lastTime, discriminatorLoss.mean(),
                generatorLoss.mean(), dReal.mean(), dFake.mean(), imagesPerSecond.mean(), discriminatorLoss.min(),
                discriminatorLoss.max(), generatorLoss.min(), generatorLoss.max());
    }
}
