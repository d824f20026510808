package dev.digitgan.sampler.storage;

import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.sampler.config.SamplerConfig;
import dev.digitgan.sampler.model.ModelRejectedException;
import dev.digitgan.sampler.model.RejectReason;
import dev.digitgan.sampler.reload.CheckpointSource;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;

/**
 * Reads a checkpoint object from S3 through the MinIO client. Reads at most one byte more than the
 * event announces, so a replaced or growing object cannot exhaust memory, and a size difference is
 * reported as such rather than as a confusing hash mismatch.
 */
@ApplicationScoped
public class CheckpointFetcher implements CheckpointSource {

    private final MinioClient minio;
    private final long maxBytes;

    public CheckpointFetcher(MinioClient minio, SamplerConfig config) {
        this.minio = minio;
        this.maxBytes = config.maxCheckpointBytes();
    }

    @Override
    public byte[] fetch(CheckpointEvent event) throws ModelRejectedException {
        if (event.sizeBytes() > maxBytes) {
            throw new ModelRejectedException(RejectReason.SIZE_MISMATCH, event.modelVersion() + " announces "
                    + event.sizeBytes() + " bytes, more than the limit of " + maxBytes);
        }
        byte[] bytes;
        try (InputStream in = minio.getObject(GetObjectArgs.builder()
                .bucket(event.bucket()).object(event.objectKey()).build())) {
            bytes = in.readNBytes((int) event.sizeBytes() + 1);
        } catch (Exception e) {
            throw new ModelRejectedException(RejectReason.FETCH_FAILED, "cannot read s3://" + event.bucket() + "/"
                    + event.objectKey() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        if (bytes.length != event.sizeBytes()) {
            throw new ModelRejectedException(RejectReason.SIZE_MISMATCH, "s3://" + event.bucket() + "/"
                    + event.objectKey() + " has " + (bytes.length > event.sizeBytes() ? "more than " : "")
                    + bytes.length + " bytes, the event says " + event.sizeBytes());
        }
        return bytes;
    }
}
