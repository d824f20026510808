package dev.digitgan.model.events;

/**
 * The start of a checkpoint object that holds everything a sampler reads: the first {@code bytes} bytes of the zip
 * are its manifest and generator entries, whole ({@code CheckpointFormat} writes them first), and their SHA-256 is
 * {@code sha256}. A sampler range-reads these bytes instead of the whole object, whose rest (D, the stacked network
 * and their Adam state) only a resuming trainer needs.
 *
 * @param bytes  length of the part from offset 0; at most the object's size
 * @param sha256 SHA-256 of those bytes, lower-case hex
 */
public record GeneratorPart(long bytes, String sha256) {

    public GeneratorPart {
        if (bytes < 1) {
            throw new IllegalArgumentException("field 'generatorPart.bytes' must be >= 1, was " + bytes);
        }
        Checks.present(sha256, "generatorPart.sha256");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("field 'generatorPart.sha256' must be 64 lower-case hex digits");
        }
    }
}
