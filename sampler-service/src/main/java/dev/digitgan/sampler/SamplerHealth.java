package dev.digitgan.sampler;

import dev.digitgan.sampler.model.GeneratorHolder;
import dev.digitgan.sampler.model.LoadedModel;
import io.minio.BucketExistsArgs;
import dev.digitgan.support.storage.S3Config;
import io.minio.MinioClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness beyond Kafka (which the messaging extension reports itself): a model to serve, and S3
 * reachable with the bucket present (needed for the next reload).
 */
public class SamplerHealth {

    @Readiness
    @ApplicationScoped
    public static class ModelLoaded implements HealthCheck {
        private final GeneratorHolder holder;

        public ModelLoaded(GeneratorHolder holder) {
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

    @Readiness
    @ApplicationScoped
    public static class S3Reachable implements HealthCheck {
        private final MinioClient minio;
        private final S3Config config;

        public S3Reachable(MinioClient minio, S3Config config) {
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
}
