package dev.digitgan.model.events;

import java.time.Instant;

/**
 * One training step's readings, as the seed printed them.
 *
 * @param step             global step within the run, from 1; with run id it identifies the event
 *                         (consumers use it to drop duplicates)
 * @param epoch            epoch of this step, from 1
 * @param discriminatorLoss −log(D(x)+ε) − log(1−D(G(z))+ε), batch mean (a least-squares spec:
 *                         (D(x)−1)² + D(G(z))²; {@code GanLosses} in shared-model)
 * @param generatorLoss    −log(D(G(z))+ε), batch mean (least squares: (D(G(z))−1)²)
 * @param dReal            mean D(x) on the real batch: a probability, or a least-squares score (target 1)
 * @param dFake            mean D(G(z)) on the fake batch (least squares: target 0)
 * @param imagesPerSecond  training throughput over the recent steps
 */
public record LossEvent(
        int schemaVersion,
        String runId,
        long step,
        int epoch,
        double discriminatorLoss,
        double generatorLoss,
        double dReal,
        double dFake,
        double imagesPerSecond,
        Instant time) implements Event {

    public LossEvent {
        Checks.schema(schemaVersion);
        RunIds.requireValid(runId);
        if (step < 1) {
            throw new IllegalArgumentException("field 'step' must be >= 1, was " + step);
        }
        if (epoch < 1) {
            throw new IllegalArgumentException("field 'epoch' must be >= 1, was " + epoch);
        }
        Checks.finite(discriminatorLoss, "discriminatorLoss");
        Checks.finite(generatorLoss, "generatorLoss");
        Checks.finite(dReal, "dReal");
        Checks.finite(dFake, "dFake");
        Checks.finite(imagesPerSecond, "imagesPerSecond");
        Checks.present(time, "time");
    }
}
