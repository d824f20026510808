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
import java.util.Arrays;

/**
 * Reads what a sampler needs of a checkpoint object from S3 through the MinIO client: the generator part the event
 * announces (manifest and generator entries, the object's first ~15 %: a range read), or the whole object for an
 * event that announces none. Reads at most one byte more than announced, so a replaced or growing object cannot
 * exhaust memory, and a size difference is reported as such rather than as a confusing hash mismatch.
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
        long wanted = event.samplerRead().bytes();
        if (wanted > maxBytes) {
            throw new ModelRejectedException(RejectReason.SIZE_MISMATCH, event.modelVersion() + " announces "
                    + wanted + " bytes to read, more than the limit of " + maxBytes);
        }
        boolean part = wanted < event.sizeBytes();
        GetObjectArgs.Builder request = GetObjectArgs.builder().bucket(event.bucket()).object(event.objectKey());
        if (part) {
            // one byte past the part: a shorter object (replaced, or cut) shows as a size mismatch here as well
            request.offset(0L).length(wanted + 1);
        }
        byte[] bytes;
        try (InputStream in = minio.getObject(request.build())) {
            bytes = in.readNBytes((int) wanted + 1);
        } catch (Exception e) {
            throw new ModelRejectedException(RejectReason.FETCH_FAILED, "cannot read s3://" + event.bucket() + "/"
                    + event.objectKey() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        if (part) {
            if (bytes.length == wanted + 1) {
                return Arrays.copyOf(bytes, (int) wanted); // the object goes on past the part, as it should
            }
            throw new ModelRejectedException(RejectReason.SIZE_MISMATCH, "s3://" + event.bucket() + "/"
                    + event.objectKey() + " has only " + bytes.length + " bytes, the event says " + event.sizeBytes()
                    + " (its generator part alone " + wanted + ")");
        }
        if (bytes.length != wanted) {
            throw new ModelRejectedException(RejectReason.SIZE_MISMATCH, "s3://" + event.bucket() + "/"
                    + event.objectKey() + " has " + (bytes.length > wanted ? "more than " : "")
                    + bytes.length + " bytes, the event says " + wanted);
        }
        return bytes;
    }
}
