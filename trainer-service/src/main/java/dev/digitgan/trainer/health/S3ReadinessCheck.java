package dev.digitgan.trainer.health;

import dev.digitgan.trainer.storage.CheckpointStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the checkpoint bucket answers: a trainer that cannot store checkpoints should get no traffic. */
@Readiness
@ApplicationScoped
public class S3ReadinessCheck implements HealthCheck {

    private final CheckpointStore store;

    public S3ReadinessCheck(CheckpointStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("s3").withData("bucket", store.bucket());
        try {
            if (store.bucketExists()) {
                return response.up().build();
            }
            return response.down().withData("reason", "bucket does not exist (created at the first checkpoint)")
                    .build();
        } catch (Exception e) {
            return response.down().withData("reason", String.valueOf(e.getMessage())).build();
        }
    }
}
