package dev.digitgan.trainer.config;

import dev.digitgan.support.storage.S3Config;
import dev.digitgan.trainer.storage.CheckpointStore;
import dev.digitgan.trainer.storage.S3Retry;
import io.minio.MinioClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The checkpoint store, on service-support's MinIO client and bucket ({@code digitgan.s3.*}), retrying for
 * {@code digitgan.trainer.s3-retry-for}.
 */
@ApplicationScoped
public class StorageProducers {

    @Produces
    @Singleton
    CheckpointStore checkpointStore(MinioClient client, S3Config config, TrainerConfig trainer) {
        return new CheckpointStore(client, config.bucket(), new S3Retry(trainer.s3RetryFor()));
    }
}
