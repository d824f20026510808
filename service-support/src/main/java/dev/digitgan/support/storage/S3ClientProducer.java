package dev.digitgan.support.storage;

import io.minio.MinioClient;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The service's one MinIO client (thread-safe), built from {@link S3Config}. */
public class S3ClientProducer {

    @Produces
    @Singleton
    MinioClient minioClient(S3Config config) {
        return build(config);
    }

    /** @throws IllegalStateException naming the missing settings when a key is not configured */
    public static MinioClient build(S3Config config) {
        String accessKey = config.accessKey().filter(k -> !k.isBlank()).orElse(null);
        String secretKey = config.secretKey().filter(k -> !k.isBlank()).orElse(null);
        if (accessKey == null || secretKey == null) {
            throw new IllegalStateException("S3 needs digitgan.s3.access-key and digitgan.s3.secret-key "
                    + "(env DIGITGAN_S3_ACCESS_KEY / DIGITGAN_S3_SECRET_KEY); "
                    + (accessKey == null ? "the access key" : "the secret key") + " is not set");
        }
        MinioClient client = MinioClient.builder()
                .endpoint(config.endpoint())
                .credentials(accessKey, secretKey)
                .region(config.region())
                .build();
        client.setTimeout(config.connectTimeout().toMillis(), config.writeTimeout().toMillis(),
                config.readTimeout().toMillis());
        return client;
    }
}
