package dev.digitgan.sampler.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.nets.GanNetworks;
import dev.digitgan.sampler.TinyGenerators;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class GeneratorPoolTest {

    @Test
    void concurrentCallsGiveTheSameImagesAsSequentialOnes() throws Exception {
        GeneratorPool pool = new GeneratorPool(TinyGenerators.network(5, 784), 3);
        int requests = 64;
        List<float[]> expected = new ArrayList<>();
        for (int r = 0; r < requests; r++) {
            expected.add(pool.generate(Latents.batch(r, 0, 16, TinyGenerators.LATENT), 16));
        }
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int r = 0; r < requests; r++) {
                long seed = r;
                results.add(threads.submit(() -> pool.generate(Latents.batch(seed, 0, 16, TinyGenerators.LATENT), 16)));
            }
            for (int r = 0; r < requests; r++) {
                assertThat(results.get(r).get()).as("request %d", r).containsExactly(expected.get(r));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void rejectsLatentOfTheWrongLength() {
        GeneratorPool pool = new GeneratorPool(TinyGenerators.network(5, 784), 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pool.generate(new float[3], 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConditionalGeneratorTakesZAndAOneHotDigitAndTheDigitChangesTheImage() {
        GeneratorPool pool = new GeneratorPool(
                GanNetworks.create(TinyGenerators.conditionalSpec(3)).generator(), 1, 10);
        assertThat(pool.latentSize()).isEqualTo(TinyGenerators.LATENT);
        assertThat(pool.conditional()).isTrue();
        float[] z = Latents.batch(1, 0, 2, TinyGenerators.LATENT);
        float[] threes = pool.generate(z, new int[] {3, 3}, 2);
        float[] sevens = pool.generate(z, new int[] {7, 7}, 2);
        assertThat(threes).hasSize(2 * 784).isNotEqualTo(sevens);
        assertThat(pool.generate(z, new int[] {3, 3}, 2)).containsExactly(threes);
        float[] oneHotSeven = new float[20];
        oneHotSeven[7] = 1;
        oneHotSeven[17] = 1;
        assertThat(pool.generateBlended(z, oneHotSeven, 2)).containsExactly(sevens);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pool.generate(z, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a label");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pool.generate(z, new int[] {3, 10}, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnconditionalGeneratorTakesNoLabels() {
        GeneratorPool pool = new GeneratorPool(TinyGenerators.network(5, 784), 1);
        assertThat(pool.conditional()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pool.generate(new float[8], new int[] {1}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes no labels");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new GeneratorPool(TinyGenerators.network(5, 784), 1,
                8)).isInstanceOf(IllegalArgumentException.class);
    }
}
