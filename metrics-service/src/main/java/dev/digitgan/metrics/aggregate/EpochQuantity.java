package dev.digitgan.metrics.aggregate;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** The per-epoch quantities exposed as gauges, with the metric-name fragment each one uses. */
public enum EpochQuantity {
    DISCRIMINATOR_LOSS("discriminator_loss", EpochStats::discriminatorLoss),
    GENERATOR_LOSS("generator_loss", EpochStats::generatorLoss),
    D_REAL("d_real", EpochStats::dReal),
    D_FAKE("d_fake", EpochStats::dFake);

    /** mean, min or max of a quantity over the epoch. */
    public enum Statistic {
        MEAN("mean", RunningStats::mean),
        MIN("min", RunningStats::min),
        MAX("max", RunningStats::max);

        private final String suffix;
        private final ToDoubleFunction<RunningStats> value;

        Statistic(String suffix, ToDoubleFunction<RunningStats> value) {
            this.suffix = suffix;
            this.value = value;
        }

        public String suffix() {
            return suffix;
        }

        double of(RunningStats stats) {
            return value.applyAsDouble(stats);
        }
    }

    private final String metricFragment;
    private final Function<EpochStats, RunningStats> stats;

    EpochQuantity(String metricFragment, Function<EpochStats, RunningStats> stats) {
        this.metricFragment = metricFragment;
        this.stats = stats;
    }

    public String metricFragment() {
        return metricFragment;
    }

    RunningStats of(EpochStats epoch) {
        return stats.apply(epoch);
    }
}
