package dev.digitgan.support.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Where checkpoints and grids live ({@code digitgan.s3.*}, env {@code DIGITGAN_S3_*}; docs/conventions.md).
 *
 * <p>The keys are required, but checked by {@link S3ClientProducer} when a service first needs the client rather
 * than here: every service indexes this mapping, and metrics-service, which never touches S3, must start without
 * them.
 */
@ConfigMapping(prefix = "digitgan.s3")
public interface S3Config {

    @WithDefault("http://localhost:9000")
    String endpoint();

    /** No default in code: from the environment or the deployment's secret. */
    Optional<String> accessKey();

    Optional<String> secretKey();

    @WithDefault("digitgan")
    String bucket();

    /** Region the client signs for; set, it saves a bucket-location request per bucket (MinIO ignores it). */
    @WithDefault("us-east-1")
    String region();

    /** Establishing a connection to S3. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Longest wait for the next bytes of a response. */
    @WithDefault("30s")
    Duration readTimeout();

    /** Longest wait for the next bytes of a request body to be taken (uploads). */
    @WithDefault("30s")
    Duration writeTimeout();
}
