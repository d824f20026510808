package dev.digitgan.trainer.config;

import dev.digitgan.support.storage.S3Config;
import dev.digitgan.trainer.storage.CheckpointStore;
import io.minio.MinioClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The checkpoint store, on service-support's MinIO client and bucket ({@code digitgan.s3.*}). */
@ApplicationScoped
public class StorageProducers {

    @Produces
    @Singleton
    CheckpointStore checkpointStore(MinioClient client, S3Config config) {
        return new CheckpointStore(client, config.bucket());
    }
}
