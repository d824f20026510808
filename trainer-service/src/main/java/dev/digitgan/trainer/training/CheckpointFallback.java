package dev.digitgan.trainer.training;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which stored checkpoint a resumed run continues from: the newest whose zip reads, trying the versions newest first.
 * A zip that does not read (cut off, a checksum that does not match, not a checkpoint at all) is skipped with the
 * reason; if none reads the run starts from scratch, as one with no checkpoint does.
 *
 * <p>Only what the reader throws as an {@link IOException} means "these bytes do not read" (the checkpoint format's
 * {@code CheckpointException} is one). An S3 error (a {@code StorageException}, after its retries) and a bug (any
 * other runtime exception) end the choice instead: neither says anything about the bytes, and skipping a version that
 * would read means its number is trained again and its object overwritten.
 */
final class CheckpointFallback {

    /** Fetches and parses one version. */
    @FunctionalInterface
    interface Reader<T> {
        T read(long version) throws IOException;
    }

    /** A version that did not read, and what the reader said. */
    record Skipped(long version, String reason) {
        @Override
        public String toString() {
            return "version " + version + " does not read: " + reason;
        }
    }

    /** The version read and its contents. */
    record Readable<T>(long version, T checkpoint) {
    }

    /**
     * @param from    the newest version that reads; empty: start from scratch
     * @param skipped the newer versions that did not, newest first
     */
    record Choice<T>(Optional<Readable<T>> from, List<Skipped> skipped) {
    }

    private CheckpointFallback() {
    }

    /** @param versions every stored version of the run, in any order */
    static <T> Choice<T> newestReadable(List<Long> versions, Reader<T> reader) {
        List<Long> newestFirst = versions.stream().sorted((a, b) -> Long.compare(b, a)).toList();
        List<Skipped> skipped = new ArrayList<>();
        for (long version : newestFirst) {
            try {
                return new Choice<>(Optional.of(new Readable<>(version, reader.read(version))), List.copyOf(skipped));
            } catch (IOException e) {
                skipped.add(new Skipped(version, e.getMessage()));
            }
        }
        return new Choice<>(Optional.empty(), List.copyOf(skipped));
    }
}
