package dev.digitgan.sampler;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Where checkpoints are read from ({@code digitgan.s3.*}, env {@code DIGITGAN_S3_*}, see docs/conventions.md). */
@ConfigMapping(prefix = "digitgan.s3")
public interface S3Config {

    @WithDefault("http://localhost:9000")
    String endpoint();

    /** No default in code: from the environment or the deployment's secret. */
    Optional<String> accessKey();

    Optional<String> secretKey();

    @WithDefault("digitgan")
    String bucket();
}
