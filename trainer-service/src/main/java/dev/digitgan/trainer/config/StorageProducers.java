package dev.digitgan.trainer.config;

import dev.digitgan.trainer.config.S3Config;
import dev.digitgan.trainer.storage.CheckpointStore;
import io.minio.MinioClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The service's one MinIO client (thread-safe) and checkpoint store, configured from {@code digitgan.s3.*}. */
@ApplicationScoped
public class StorageProducers {

    @Produces
    @Singleton
    MinioClient minioClient(S3Config config) {
        return MinioClient.builder()
                .endpoint(config.endpoint())
                .credentials(config.accessKey(), config.secretKey())
                .region(config.region())
                .build();
    }

    @Produces
    @Singleton
    CheckpointStore checkpointStore(MinioClient client, S3Config config) {
        return new CheckpointStore(client, config.bucket());
    }
}
