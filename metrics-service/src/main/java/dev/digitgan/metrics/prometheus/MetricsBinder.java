package dev.digitgan.metrics.prometheus;

import dev.digitgan.metrics.aggregate.EpochQuantity;
import dev.digitgan.metrics.aggregate.RunAggregate;
import dev.digitgan.model.quality.QualityScores;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.inject.Singleton;
import java.util.function.ToDoubleFunction;

/**
 * Registers one run's meters when the run first appears (runs come and go while the service runs, so this
 * cannot be done once at start-up). Every meter reads the run's aggregate at scrape time; the only run label
 * is {@code run_id}, and nothing is labelled per step. Names are Micrometer's dotted form of the Prometheus
 * names listed in the README (dots become underscores, counters gain {@code _total}).
 */
@Singleton
public class MetricsBinder {

    public static final String RUN_ID = "run_id";

    private final MeterRegistry registry;

    public MetricsBinder(MeterRegistry registry) {
        this.registry = registry;
    }

    public void bind(RunAggregate run) {
        Tags tags = Tags.of(RUN_ID, run.runId());
        gauge("gan.discriminator.loss", "Discriminator loss of the latest step", run, tags,
                RunAggregate::discriminatorLoss);
        gauge("gan.generator.loss", "Generator loss of the latest step", run, tags, RunAggregate::generatorLoss);
        gauge("gan.d.real", "Mean D(x) on the real batch of the latest step", run, tags, RunAggregate::dReal);
        gauge("gan.d.fake", "Mean D(G(z)) on the fake batch of the latest step", run, tags, RunAggregate::dFake);
        gauge("gan.discriminator.loss.moving.average", "Discriminator loss averaged over the last steps", run, tags,
                RunAggregate::discriminatorLossMovingAverage);
        gauge("gan.generator.loss.moving.average", "Generator loss averaged over the last steps", run, tags,
                RunAggregate::generatorLossMovingAverage);
        gauge("gan.images.per.second", "Training throughput reported with the latest step", run, tags,
                RunAggregate::imagesPerSecond);
        gauge("gan.step", "Latest training step", run, tags, RunAggregate::step);
        gauge("gan.epoch", "Epoch of the latest step", run, tags, RunAggregate::epoch);
        gauge("gan.run.planned.epochs", "Epochs the run was asked to train (from its status)", run, tags,
                RunAggregate::plannedEpochs);
        gauge("gan.run.total.steps", "Steps the whole run will take (from its status)", run, tags,
                RunAggregate::totalSteps);
        gauge("gan.completed.epoch", "The last completed epoch, which the gan_epoch_* gauges describe", run, tags,
                RunAggregate::completedEpoch);
        for (EpochQuantity quantity : EpochQuantity.values()) {
            for (EpochQuantity.Statistic statistic : EpochQuantity.Statistic.values()) {
                String name = "gan.epoch." + quantity.metricFragment().replace('_', '.') + "." + statistic.suffix();
                gauge(name, statistic.suffix() + " of " + quantity.metricFragment() + " over the last completed epoch",
                        run, tags, r -> r.completedEpochStat(quantity, statistic));
            }
        }
        gauge("gan.checkpoint.version", "Greatest checkpoint version published", run, tags,
                RunAggregate::latestCheckpointVersion);
        Gauge.builder("gan.checkpoint.size", run, RunAggregate::latestCheckpointSizeBytes)
                .description("Size of the latest checkpoint object").baseUnit("bytes").tags(tags)
                .strongReference(true).register(registry);
        counter("gan.loss.events", "Distinct steps counted", run, tags, RunAggregate::lossEvents);
        counter("gan.duplicate.loss.events", "Loss events dropped because their step was already counted", run, tags,
                RunAggregate::duplicateLossEvents);
        counter("gan.checkpoints.published", "Distinct checkpoint versions published", run, tags,
                RunAggregate::checkpoints);
    }

    /**
     * Registers the run's quality gauges, on its first score: a run that is never scored (schema-v1 events) has no
     * quality series at all rather than NaN ones, and label accuracy exists only once a conditional score arrived.
     * Micrometer returns the meter already registered under the same name and tags, so calling this per score is
     * harmless.
     */
    public void bindQuality(RunAggregate run, QualityScores scores) {
        Tags tags = Tags.of(RUN_ID, run.runId());
        gauge("gan.quality.frechet.distance", "Frechet distance of the newest scored checkpoint (lower is better)",
                run, tags, RunAggregate::qualityFrechetDistance);
        gauge("gan.quality.inception.score", "Classifier Inception Score of the newest scored checkpoint (1..10)",
                run, tags, RunAggregate::qualityInceptionScore);
        gauge("gan.quality.label.entropy.bits", "Entropy of the predicted-label histogram of the newest scored "
                + "checkpoint (0..log2 10)", run, tags, RunAggregate::qualityLabelEntropyBits);
        gauge("gan.quality.samples", "Samples N the quality gauges were measured on", run, tags,
                RunAggregate::qualitySamples);
        gauge("gan.quality.checkpoint.version", "Checkpoint version the quality gauges describe", run, tags,
                RunAggregate::qualityCheckpointVersion);
        gauge("gan.quality.best.frechet.distance", "Lowest Frechet distance of the run so far, at the same N", run,
                tags, RunAggregate::bestFrechetDistance);
        if (scores.conditional()) {
            gauge("gan.quality.label.accuracy", "Share of samples classified as the label asked for, newest scored "
                    + "checkpoint of a conditional run", run, tags, RunAggregate::qualityLabelAccuracy);
        }
    }

    /**
     * Registers the gauges of the run's final score (its last weights, scored on the report N when it finished):
     * the figure to compare runs by, apart from the per-checkpoint series whose N is smaller.
     */
    public void bindFinalQuality(RunAggregate run, QualityScores scores) {
        Tags tags = Tags.of(RUN_ID, run.runId());
        gauge("gan.quality.final.frechet.distance", "Frechet distance of the finished run's last weights", run, tags,
                r -> r.finalScore(QualityScores::frechetDistance));
        gauge("gan.quality.final.inception.score", "Classifier Inception Score of the finished run's last weights",
                run, tags, r -> r.finalScore(QualityScores::inceptionScore));
        gauge("gan.quality.final.label.entropy.bits", "Label entropy of the finished run's last weights (bits)", run,
                tags, r -> r.finalScore(QualityScores::labelEntropyBits));
        gauge("gan.quality.final.samples", "Samples N the final score was measured on", run, tags,
                r -> r.finalScore(QualityScores::samples));
        if (scores.conditional()) {
            gauge("gan.quality.final.label.accuracy", "Label accuracy of the finished run's last weights", run, tags,
                    r -> r.finalScore(s -> s.labelAccuracy() == null ? Double.NaN : s.labelAccuracy()));
        }
    }

    private void gauge(String name, String help, RunAggregate run, Tags tags, ToDoubleFunction<RunAggregate> value) {
        // Strong reference: the aggregator keeps the run anyway, and a weak one would turn the gauge into NaN
        // if that ever changed.
        Gauge.builder(name, run, value).description(help).tags(tags).strongReference(true).register(registry);
    }

    private void counter(String name, String help, RunAggregate run, Tags tags, ToDoubleFunction<RunAggregate> value) {
        // A function counter reads the aggregate, so it equals the de-duplicated count: a restarted service counts
        // up to the same value again (Prometheus sees an ordinary counter reset), never twice as far.
        FunctionCounter.builder(name, run, value).description(help).tags(tags).register(registry);
    }
}
