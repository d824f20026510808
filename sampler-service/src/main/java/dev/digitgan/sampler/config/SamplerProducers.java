package dev.digitgan.sampler.config;

import dev.digitgan.model.events.EventCodec;
import dev.digitgan.sampler.model.GeneratorReader;
import dev.digitgan.sampler.model.ModelLoader;
import dev.digitgan.sampler.model.ShippedModel;
import dev.digitgan.support.security.AdminAccount;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * Beans built from configuration: the model loader, the event codec, and a metrics filter (the S3 client is
 * service-support's {@code S3ClientProducer}).
 */
public class SamplerProducers {

    private static final Logger LOG = Logger.getLogger(SamplerProducers.class);

    @Produces
    @Singleton
    AdminAccount adminAccount(SamplerConfig config) {
        return AdminAccount.of("digitgan.sampler.admin", config.admin());
    }

    @Produces
    @Singleton
    ModelLoader modelLoader(SamplerConfig config) {
        return new ModelLoader(new GeneratorReader(), config.effectiveWorkers());
    }

    /** The pretrained generator in the jar: {@code <shipped-model>/generator-checkpoint.zip} and its scores. */
    @Produces
    @Singleton
    ShippedModel shippedModel(SamplerConfig config) throws IOException {
        if (config.shippedModel().isEmpty()) {
            return ShippedModel.none();
        }
        var found = ShippedModel.fromClasspath(Thread.currentThread().getContextClassLoader(),
                config.shippedModel().get());
        if (found.isEmpty()) {
            LOG.warnf("no shipped model in %s: nothing is served until a checkpoint arrives",
                    config.shippedModel().get());
        }
        return found.orElse(ShippedModel.none());
    }

    @Produces
    @Singleton
    EventCodec eventCodec() {
        return new EventCodec();
    }

    /**
     * Publishes HTTP latency as a Prometheus histogram (buckets), so that dashboards can compute any
     * percentile over any set of replicas; client-side percentiles could not be aggregated.
     */
    @Produces
    @Singleton
    MeterFilter httpHistogram() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().startsWith("http.server.requests")) {
                    return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
                }
                return config;
            }
        };
    }
}
