package dev.digitgan.sampler.health;

import dev.digitgan.sampler.config.SamplerConfig;
import dev.digitgan.sampler.kafka.PolicyFeed;
import dev.digitgan.sampler.model.GeneratorHolder;
import dev.digitgan.sampler.model.LoadedModel;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready with a model to serve, once caught up with the checkpoint topic and with the fleet's policy topic (its newest
 * policy applied, {@link PolicyFeed}) ({@link ServingReadiness}). Kafka's and S3's
 * state is shown in the data but does not decide: the replica serves without them. Reads only in-memory state.
 */
@Readiness
@ApplicationScoped
public class ModelReadinessCheck implements HealthCheck {

    private final GeneratorHolder holder;
    private final KafkaHealth kafka;
    private final S3Health s3;
    private final SamplerConfig config;
    private final PolicyFeed policy;

    public ModelReadinessCheck(GeneratorHolder holder, KafkaHealth kafka, S3Health s3, SamplerConfig config,
                               PolicyFeed policy) {
        this.holder = holder;
        this.policy = policy;
        this.kafka = kafka;
        this.s3 = s3;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        ServingReadiness readiness = ServingReadiness.of(holder.current().isPresent(),
                kafka.caughtUp() && policy.caughtUp(),
                kafka.sinceStart(), config.health().catchUpTimeout());
        ProbeStatus k = kafka.status();
        ProbeStatus s = s3.status();
        return HealthCheckResponse.named("model")
                .status(readiness.ready())
                .withData("serving", holder.current().map(LoadedModel::modelVersion).orElse("none"))
                .withData("reason", readiness.reason())
                .withData("policy", policy.status())
                .withData("kafka", (k.up() ? "up: " : "DOWN: ") + k.detail())
                .withData("s3", (s.up() ? "up: " : "DOWN: ") + s.detail())
                .build();
    }
}
