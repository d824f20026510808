package dev.digitgan.trainer.health;

import dev.digitgan.trainer.kafka.TrainerLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive while the request worker thread runs: if it died, restarting the instance is the cure. */
@Liveness
@ApplicationScoped
public class WorkerLivenessCheck implements HealthCheck {

    private final TrainerLifecycle lifecycle;

    public WorkerLivenessCheck(TrainerLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("trainer-worker").status(lifecycle.workerHealthy());
        lifecycle.activeRun().ifPresent(run -> response.withData("run", run));
        return response.build();
    }
}
