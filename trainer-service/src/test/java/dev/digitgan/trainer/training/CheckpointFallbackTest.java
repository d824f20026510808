package dev.digitgan.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.model.checkpoint.CheckpointException;
import dev.digitgan.trainer.storage.StorageException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The choice of the checkpoint to resume from, with the reads in memory (real S3 bytes: CorruptCheckpointTest). */
class CheckpointFallbackTest {

    private final List<Long> reads = new CopyOnWriteArrayList<>();

    private CheckpointFallback.Reader<String> reader(Map<Long, String> readable) {
        return version -> {
            reads.add(version);
            String contents = readable.get(version);
            if (contents == null) {
                throw new CheckpointException("checkpoint is truncated (its zip directory is missing or cut off)");
            }
            return contents;
        };
    }

    @Test
    void theNewestVersionThatReadsIsChosenAndNoOlderOneIsRead() {
        var choice = CheckpointFallback.newestReadable(List.of(1L, 3L, 2L), reader(Map.of(1L, "v1", 3L, "v3")));

        assertThat(choice.from()).contains(new CheckpointFallback.Readable<>(3, "v3"));
        assertThat(choice.skipped()).isEmpty();
        assertThat(reads).containsExactly(3L);
    }

    @Test
    void unreadableNewerVersionsAreSkippedWithTheirReasonsNewestFirst() {
        var choice = CheckpointFallback.newestReadable(List.of(1L, 2L, 3L, 4L), reader(Map.of(1L, "v1", 2L, "v2")));

        assertThat(choice.from()).contains(new CheckpointFallback.Readable<>(2, "v2"));
        assertThat(choice.skipped()).extracting(CheckpointFallback.Skipped::version).containsExactly(4L, 3L);
        assertThat(choice.skipped().get(0)).hasToString(
                "version 4 does not read: checkpoint is truncated (its zip directory is missing or cut off)");
        assertThat(reads).containsExactly(4L, 3L, 2L);
    }

    @Test
    void whenNoVersionReadsTheRunStartsFromScratchAsWithoutCheckpoints() {
        var none = CheckpointFallback.newestReadable(List.of(1L, 2L), reader(Map.of()));
        assertThat(none.from()).isEmpty();
        assertThat(none.skipped()).extracting(CheckpointFallback.Skipped::version).containsExactly(2L, 1L);

        var empty = CheckpointFallback.newestReadable(List.of(), reader(Map.of()));
        assertThat(empty.from()).isEmpty();
        assertThat(empty.skipped()).isEmpty();
    }

    @Test
    void anS3ErrorIsNotTakenForUnreadableBytes() {
        StorageException outage = new StorageException("read checkpoint 2 of run r failed 5 time(s) in 120.3 s");

        assertThatThrownBy(() -> CheckpointFallback.newestReadable(List.of(1L, 2L), version -> {
            reads.add(version);
            throw outage;
        })).isSameAs(outage);
        assertThat(reads).as("version 1 is not tried: version 2 may well read once S3 is back").containsExactly(2L);
    }

    @Test
    void aBugIsNotTakenForUnreadableBytesEither() {
        assertThatThrownBy(() -> CheckpointFallback.newestReadable(List.of(1L, 2L), version -> {
            throw new NullPointerException("a bug in the reader");
        })).isInstanceOf(NullPointerException.class);
    }
}
