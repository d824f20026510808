package dev.digitgan.sampler.health;

import dev.digitgan.sampler.model.GeneratorHolder;
import dev.digitgan.sampler.model.LoadedModel;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only with a model to serve (the shipped one or a loaded checkpoint). */
@Readiness
@ApplicationScoped
public class ModelReadinessCheck implements HealthCheck {

    private final GeneratorHolder holder;

    public ModelReadinessCheck(GeneratorHolder holder) {
        this.holder = holder;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("model")
                .status(holder.current().isPresent())
                .withData("serving", holder.current().map(LoadedModel::modelVersion).orElse("none"))
                .build();
    }
}
