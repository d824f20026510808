package dev.digitgan.model.checkpoint;

/**
 * A checkpoint's bytes ({@link CheckpointFormat#encode}), with the length and SHA-256 of the part a sampler reads.
 *
 * @param zip                 the whole checkpoint
 * @param generatorPartBytes  length of its first part: the manifest and generator entries, each with its data
 *                            descriptor (the next entry's header starts there)
 * @param generatorPartSha256 SHA-256 of that part, lower-case hex
 */
public record CheckpointBytes(byte[] zip, long generatorPartBytes, String generatorPartSha256) {
}
