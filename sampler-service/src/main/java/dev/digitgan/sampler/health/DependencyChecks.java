package dev.digitgan.sampler.health;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Kafka and S3 as health checks of their own, DOWN when their background probe says so, in the group
 * {@code /q/health/group/dependencies}: neither readiness nor liveness (nor {@code /q/health}, which docker-compose
 * probes), so an outage is visible without taking the replica out of service or restarting it. The readiness check
 * shows the same in its data. They read the last probe's result and never wait.
 */
@ApplicationScoped
public class DependencyChecks {

    public static final String GROUP = "dependencies";

    @Produces
    @HealthGroup(DependencyChecks.GROUP)
    HealthCheck kafka(KafkaHealth kafka) {
        return () -> response("kafka", kafka.status());
    }

    @Produces
    @HealthGroup(DependencyChecks.GROUP)
    HealthCheck s3(S3Health s3) {
        return () -> response("s3", s3.status());
    }

    private static HealthCheckResponse response(String name, ProbeStatus status) {
        return HealthCheckResponse.named(name).status(status.up()).withData("detail", status.detail()).build();
    }
}
