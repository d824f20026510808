package dev.digitgan.trainer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where checkpoints go ({@code digitgan.s3.*}, env {@code DIGITGAN_S3_*}); keys come only from config/env. */
@ConfigMapping(prefix = "digitgan.s3")
public interface S3Config {

    @WithDefault("http://localhost:9000")
    String endpoint();

    String accessKey();

    String secretKey();

    @WithDefault("digitgan")
    String bucket();

    /** Region the client signs for; set, it saves a bucket-location request per bucket (MinIO ignores it). */
    @WithDefault("us-east-1")
    String region();
}
