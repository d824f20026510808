package dev.digitgan.metrics.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeenKeysTest {

    @Test
    void reportsDuplicatesAndMergesNeighbours() {
        SeenKeys keys = new SeenKeys();
        assertThat(keys.add(5)).isTrue();
        assertThat(keys.add(5)).isFalse();
        assertThat(keys.add(7)).isTrue();
        assertThat(keys.intervalCount()).isEqualTo(2);
        assertThat(keys.add(6)).isTrue();
        assertThat(keys.intervalCount()).as("5..7 joined").isEqualTo(1);
        assertThat(keys.add(4)).isTrue();
        assertThat(keys.add(8)).isTrue();
        assertThat(keys.intervalCount()).isEqualTo(1);
        for (long k = 4; k <= 8; k++) {
            assertThat(keys.add(k)).as("key %d again", k).isFalse();
        }
        assertThat(keys.contains(3)).isFalse();
        assertThat(keys.contains(9)).isFalse();
    }

    @Test
    void contiguousRunOfAMillionStepsIsOneInterval() {
        SeenKeys keys = new SeenKeys();
        for (long step = 1; step <= 1_000_000; step++) {
            keys.add(step);
        }
        assertThat(keys.intervalCount()).isEqualTo(1);
    }

    @Test
    void agreesWithAHashSetInAnyOrder() {
        Random random = new Random(42);
        List<Long> input = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            input.add((long) random.nextInt(5_000));
        }
        Collections.shuffle(input, random);
        SeenKeys keys = new SeenKeys();
        Set<Long> reference = new HashSet<>();
        for (long key : input) {
            assertThat(keys.add(key)).isEqualTo(reference.add(key));
        }
        for (long k = -1; k <= 5_001; k++) {
            assertThat(keys.contains(k)).isEqualTo(reference.contains(k));
        }
    }

    @Test
    void handlesExtremeKeys() {
        SeenKeys keys = new SeenKeys();
        assertThat(keys.add(Long.MAX_VALUE)).isTrue();
        assertThat(keys.add(Long.MAX_VALUE)).isFalse();
        assertThat(keys.add(Long.MAX_VALUE - 1)).isTrue();
        assertThat(keys.intervalCount()).isEqualTo(1);
    }
}
