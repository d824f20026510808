package dev.digitgan.metrics.aggregate;

import dev.digitgan.model.events.LossEvent;
import java.time.Duration;
import java.time.Instant;

/** The running statistics of one epoch: constant memory whatever the epoch's length. */
final class EpochStats {

    private final int epoch;
    private final RunningStats discriminatorLoss = new RunningStats();
    private final RunningStats generatorLoss = new RunningStats();
    private final RunningStats dReal = new RunningStats();
    private final RunningStats dFake = new RunningStats();
    private final RunningStats imagesPerSecond = new RunningStats();
    private long firstStep = Long.MAX_VALUE;
    private long lastStep = Long.MIN_VALUE;
    private Instant firstTime;
    private Instant lastTime;

    EpochStats(int epoch) {
        this.epoch = epoch;
    }

    void add(LossEvent event) {
        if (event.epoch() != epoch) {
            throw new IllegalArgumentException("event of epoch " + event.epoch() + " added to epoch " + epoch);
        }
        discriminatorLoss.add(event.discriminatorLoss());
        generatorLoss.add(event.generatorLoss());
        dReal.add(event.dReal());
        dFake.add(event.dFake());
        imagesPerSecond.add(event.imagesPerSecond());
        firstStep = Math.min(firstStep, event.step());
        lastStep = Math.max(lastStep, event.step());
        if (firstTime == null || event.time().isBefore(firstTime)) {
            firstTime = event.time();
        }
        if (lastTime == null || event.time().isAfter(lastTime)) {
            lastTime = event.time();
        }
    }

    int epoch() {
        return epoch;
    }

    RunningStats discriminatorLoss() {
        return discriminatorLoss;
    }

    RunningStats generatorLoss() {
        return generatorLoss;
    }

    RunningStats dReal() {
        return dReal;
    }

    RunningStats dFake() {
        return dFake;
    }

    EpochSummary summary(boolean complete) {
        double duration = firstTime == null ? 0 : Duration.between(firstTime, lastTime).toNanos() / 1e9;
        return new EpochSummary(epoch, complete, discriminatorLoss.count(), firstStep, lastStep, firstTime, lastTime,
                duration, discriminatorLoss.toStat(), generatorLoss.toStat(), dReal.toStat(), dFake.toStat(),
                imagesPerSecond.toStat());
    }
}
