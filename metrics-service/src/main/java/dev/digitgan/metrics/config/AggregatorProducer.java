package dev.digitgan.metrics.config;

import dev.digitgan.metrics.aggregate.AggregatorSettings;
import dev.digitgan.metrics.aggregate.LossAggregator;
import dev.digitgan.metrics.aggregate.RunAggregate;
import dev.digitgan.metrics.aggregate.RunListener;
import dev.digitgan.metrics.api.LossStream;
import dev.digitgan.metrics.prometheus.MetricsBinder;
import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.LossEvent;
import dev.digitgan.model.quality.QualityScores;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Wires the pure aggregator to what must hear about runs: Micrometer (new runs, new scores) and the SSE stream
 * (new steps).
 */
public class AggregatorProducer {

    @Produces
    @Singleton
    LossAggregator aggregator(MetricsConfig config, MetricsBinder binder, LossStream stream) {
        AggregatorSettings settings = new AggregatorSettings(config.movingAverageWindow(), config.historyCapacity());
        return new LossAggregator(settings, new RunListener() {
            @Override
            public void runAdded(RunAggregate run) {
                binder.bind(run);
            }

            @Override
            public void lossAccepted(LossEvent event) {
                stream.publish(event);
            }

            @Override
            public void qualityScored(RunAggregate run, QualityScores scores) {
                binder.bindQuality(run, scores);
            }

            @Override
            public void finalScored(RunAggregate run, QualityScores scores) {
                binder.bindFinalQuality(run, scores);
            }
        });
    }

    @Produces
    @Singleton
    EventCodec codec() {
        return new EventCodec();
    }
}
