package dev.digitgan.model.nets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChunkingTest {

    @Test
    void chunksCoverTheLengthOnceInOrderTheLastOneShorter() {
        for (int length : new int[] {1, 7, 2048, 2049, 10_000}) {
            for (int size : new int[] {1, 32, 2048}) {
                Chunking chunks = new Chunking(length, size);
                assertThat(chunks.count()).isEqualTo((length + size - 1) / size);
                int next = 0;
                for (int c = 0; c < chunks.count(); c++) {
                    assertThat(chunks.start(c)).as("chunk %d of %d/%d", c, length, size).isEqualTo(next);
                    int n = chunks.end(c) - chunks.start(c);
                    assertThat(n).isBetween(1, size);
                    if (c < chunks.count() - 1) {
                        assertThat(n).isEqualTo(size);
                    }
                    next = chunks.end(c);
                }
                assertThat(next).isEqualTo(length);
            }
        }
    }

    @Test
    void anEmptyLengthIsOneEmptyChunk() {
        Chunking chunks = new Chunking(0, 32);
        assertThat(chunks.count()).isEqualTo(1);
        assertThat(chunks.start(0)).isZero();
        assertThat(chunks.end(0)).isZero();
    }

    @Test
    void theLastChunkOfTheLargestLengthsDoesNotOverflow() {
        Chunking chunks = new Chunking(Integer.MAX_VALUE, 1 << 20);
        int last = chunks.count() - 1;
        assertThat(chunks.end(last)).isEqualTo(Integer.MAX_VALUE);
        assertThat(chunks.start(last)).isEqualTo(last << 20);
    }

    @Test
    void rejectsNegativeLengthsAndEmptyChunks() {
        assertThatThrownBy(() -> new Chunking(-1, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Chunking(8, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
