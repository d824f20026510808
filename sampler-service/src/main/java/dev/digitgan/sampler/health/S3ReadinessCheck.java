package dev.digitgan.sampler.health;

import dev.digitgan.support.storage.S3Config;
import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * S3 reachable with the bucket present: needed for the next reload. (Kafka's readiness is reported by the
 * messaging extension itself.)
 */
@Readiness
@ApplicationScoped
public class S3ReadinessCheck implements HealthCheck {

    private final MinioClient minio;
    private final S3Config config;

    public S3ReadinessCheck(MinioClient minio, S3Config config) {
        this.minio = minio;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            boolean exists = minio.bucketExists(BucketExistsArgs.builder().bucket(config.bucket()).build());
            return HealthCheckResponse.named("s3").status(exists).withData("bucket", config.bucket())
                    .withData("endpoint", config.endpoint()).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("s3").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
