package dev.digitgan.trainer.storage;

import dev.digitgan.model.events.ObjectLayout;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jboss.logging.Logger;

/**
 * Checkpoint zips and their sample grids in S3, at the keys {@link ObjectLayout} defines. {@link #store} returns
 * only after S3 confirmed (stat) both objects with the sizes written, so a caller that publishes an event after
 * it never announces an object that is not there. Each store, read and listing is tried again through
 * {@link S3Retry} while S3 is unreachable or answers 5xx, for {@code digitgan.trainer.s3-retry-for}; a refusal fails
 * at once. The bucket checks ({@link #ensureBucket} at startup, {@link #bucketExists} for readiness) are not
 * retried: they must answer now. Thread-safe (the MinIO client is).
 */
public class CheckpointStore implements CheckpointObjects {

    private static final Logger LOG = Logger.getLogger(CheckpointStore.class);
    private static final String ZIP = "application/zip";
    private static final String PNG = "image/png";

    private final MinioClient client;
    private final String bucket;
    private final S3Retry retry;
    /** Set once the bucket is known to exist, so that each checkpoint does not ask again. */
    private volatile boolean bucketConfirmed;

    public CheckpointStore(MinioClient client, String bucket, S3Retry retry) {
        this.client = client;
        this.bucket = bucket;
        this.retry = retry;
    }

    public String bucket() {
        return bucket;
    }

    /** Creates the bucket if it does not exist (idempotent; another instance may create it at the same time). */
    public void ensureBucket() {
        if (bucketConfirmed) {
            return;
        }
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                try {
                    client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                    LOG.infof("created bucket %s", bucket);
                } catch (ErrorResponseException e) {
                    String code = e.errorResponse().code();
                    if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
                        throw e;
                    }
                }
            }
            bucketConfirmed = true;
        } catch (Exception e) {
            throw new StorageException("cannot reach or create bucket '" + bucket + "': " + e.getMessage(), e);
        }
    }

    /** True when the bucket answers; for the readiness check. */
    public boolean bucketExists() throws Exception {
        return client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
    }

    /**
     * Writes the grid, then the zip, then stats both. The grid goes first so that whoever lists checkpoints
     * (a resuming trainer) never finds a zip without its grid.
     *
     * @throws StorageException when a write fails or a stat does not confirm the size written
     */
    @Override
    public StoredCheckpoint store(String runId, long version, byte[] zip, byte[] gridPng) {
        if (zip == null || zip.length == 0) {
            throw new IllegalArgumentException("checkpoint zip of run " + runId + " version " + version + " is empty");
        }
        if (gridPng == null || gridPng.length == 0) {
            throw new IllegalArgumentException("sample grid of run " + runId + " version " + version + " is empty");
        }
        // Repeatable from the start: the same bytes to the same keys, the grid first every time.
        return retry.call("store checkpoint " + version + " of run " + runId, () -> {
            ensureBucket();
            String gridKey = ObjectLayout.gridKey(runId, version);
            String objectKey = ObjectLayout.checkpointKey(runId, version);
            put(gridKey, gridPng, PNG);
            put(objectKey, zip, ZIP);
            confirm(gridKey, gridPng.length);
            long size = confirm(objectKey, zip.length);
            return new StoredCheckpoint(bucket, runId, version, objectKey, size, sha256(zip), gridKey);
        });
    }

    /** Stores a claimed run's request ({@link ObjectLayout#requestKey}) and confirms it with stat. */
    public void storeRequest(String runId, byte[] json) {
        retry.call("store the request of run " + runId, () -> {
            ensureBucket();
            String key = ObjectLayout.requestKey(runId);
            put(key, json, "application/json");
            return confirm(key, json.length);
        });
    }

    /** The run's stored request, if a trainer stored one. */
    public Optional<byte[]> readRequest(String runId) {
        String key = ObjectLayout.requestKey(runId);
        return retry.call("read the request of run " + runId, () -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                return Optional.of(in.readAllBytes());
            } catch (ErrorResponseException e) {
                if ("NoSuchKey".equals(e.errorResponse().code())) {
                    return Optional.empty();
                }
                throw new StorageException("cannot read " + bucket + "/" + key + ": " + e.getMessage(), e);
            } catch (Exception e) {
                throw new StorageException("cannot read " + bucket + "/" + key + ": " + e.getMessage(), e);
            }
        });
    }

    /** The greatest checkpoint version stored for the run, if any. */
    public OptionalLong newestVersion(String runId) {
        List<Long> versions = versions(runId);
        return versions.isEmpty() ? OptionalLong.empty() : OptionalLong.of(versions.get(versions.size() - 1));
    }

    /** Every checkpoint version stored for the run, oldest first (objects not named by a version are skipped). */
    public List<Long> versions(String runId) {
        String prefix = ObjectLayout.checkpointsPrefix(runId);
        return retry.call("list the checkpoints of run " + runId, () -> {
            List<Long> versions = new ArrayList<>();
            try {
                for (Result<Item> result : client.listObjects(
                        ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
                    String key = result.get().objectName();
                    try {
                        versions.add(ObjectLayout.versionOf(key));
                    } catch (IllegalArgumentException e) {
                        LOG.warnf("ignoring unexpected object %s under %s", key, prefix);
                    }
                }
            } catch (Exception e) {
                throw new StorageException("cannot list " + bucket + "/" + prefix + ": " + e.getMessage(), e);
            }
            Collections.sort(versions);
            return versions;
        });
    }

    /** The bytes of a stored checkpoint zip. */
    public byte[] read(String runId, long version) {
        String key = ObjectLayout.checkpointKey(runId, version);
        return retry.call("read checkpoint " + version + " of run " + runId, () -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                return in.readAllBytes();
            } catch (Exception e) {
                throw new StorageException("cannot read " + bucket + "/" + key + ": " + e.getMessage(), e);
            }
        });
    }

    /** S3's size of an object; for checks that an announced object is really there. */
    public long size(String key) {
        try {
            return client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()).size();
        } catch (Exception e) {
            throw new StorageException("cannot stat " + bucket + "/" + key + ": " + e.getMessage(), e);
        }
    }

    private void put(String key, byte[] bytes, String contentType) {
        try {
            client.putObject(PutObjectArgs.builder()
                    .bucket(bucket)
                    .object(key)
                    .stream(new ByteArrayInputStream(bytes), bytes.length, -1)
                    .contentType(contentType)
                    .build());
        } catch (Exception e) {
            bucketConfirmed = false; // the bucket may have been removed; look again next time
            throw new StorageException("cannot write " + bucket + "/" + key + " (" + bytes.length + " bytes): "
                    + e.getMessage(), e);
        }
    }

    private long confirm(String key, long expectedSize) {
        StatObjectResponse stat;
        try {
            stat = client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw new StorageException("wrote " + bucket + "/" + key + " but cannot stat it: " + e.getMessage(), e);
        }
        if (stat.size() != expectedSize) {
            throw new StorageException("stat of " + bucket + "/" + key + " reports " + stat.size()
                    + " bytes, wrote " + expectedSize);
        }
        return stat.size();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
