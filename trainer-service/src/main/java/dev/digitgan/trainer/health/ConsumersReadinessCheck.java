package dev.digitgan.trainer.health;

import dev.digitgan.trainer.kafka.TrainerLifecycle;
import dev.digitgan.trainer.queue.ConsumerHealth;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the run-status view reads and the request worker runs. Both outlive a broker outage by themselves
 * (down while Kafka does not answer, up again when it does); one that stopped for good stays down here. The
 * run-control consumer is SmallRye's channel, reported by its own Kafka readiness check.
 */
@Readiness
@ApplicationScoped
public class ConsumersReadinessCheck implements HealthCheck {

    private final TrainerLifecycle lifecycle;

    public ConsumersReadinessCheck(TrainerLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("trainer-consumers");
        boolean up = true;
        for (ConsumerHealth consumer : lifecycle.consumers()) {
            response.withData(consumer.name(), (consumer.up() ? "up: " : "down: ") + consumer.detail());
            up &= consumer.up();
        }
        return response.status(up).build();
    }
}
