package dev.digitgan.sampler.model;

import static org.assertj.core.api.Assertions.assertThat;

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
}
