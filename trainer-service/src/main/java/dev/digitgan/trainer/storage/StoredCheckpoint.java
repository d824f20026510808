package dev.digitgan.trainer.storage;

/**
 * A checkpoint whose objects S3 has confirmed (by stat) to be there with the sizes written.
 *
 * @param sizeBytes size of the zip as S3 reports it
 * @param sha256    lower-case hex SHA-256 of the zip bytes that were uploaded
 */
public record StoredCheckpoint(String bucket, String runId, long version, String objectKey, long sizeBytes,
                               String sha256, String gridKey) {
}
