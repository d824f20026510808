package dev.digitgan.sampler.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.sampler.TinyGenerators;
import dev.digitgan.sampler.reload.ReloadMetrics;
import dev.digitgan.sampler.reload.VersionRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DigitSamplerTest {

    private final GeneratorHolder holder = new GeneratorHolder();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final DigitSampler sampler = new DigitSampler(holder,
            new ReloadMetrics(meters, holder, new VersionRegistry()));

    private static LoadedModel model(String name, long weightsSeed) {
        return new LoadedModel(ModelLoaderTest.info(name),
                new GeneratorPool(TinyGenerators.network(weightsSeed, 784), 2));
    }

    @Test
    void theSameSeedAndModelGiveTheSameBytesAndOtherSeedsOrModelsOthers() {
        holder.swap(model("run@1", 1));
        byte[] a = sampler.grid(16, 42, 4, 2).png();
        assertThat(sampler.grid(16, 42, 4, 2).png()).isEqualTo(a);
        assertThat(sampler.grid(16, 43, 4, 2).png()).isNotEqualTo(a);
        holder.swap(model("run@2", 2));
        Rendered other = sampler.grid(16, 42, 4, 2);
        assertThat(other.png()).isNotEqualTo(a);
        assertThat(other.model().modelVersion()).isEqualTo("run@2");
        assertThat(other.seed()).isEqualTo(42);
        assertThat(meters.get("sampler.images.generated").counter().count()).isEqualTo(4 * 16);
    }

    @Test
    void digitIOfASeedIsTileIOfItsGrid() {
        holder.swap(model("run@1", 1));
        float[] grid = holder.current().orElseThrow().pool().generate(Latents.batch(9, 0, 5, TinyGenerators.LATENT), 5);
        float[] alone = holder.current().orElseThrow().pool().generate(Latents.digit(9, 3, TinyGenerators.LATENT), 1);
        float[] tile = Arrays.copyOfRange(grid, 3 * 784, 4 * 784);
        for (int p = 0; p < 784; p++) {
            assertThat(alone[p]).isCloseTo(tile[p], org.assertj.core.api.Assertions.within(1e-5f));
        }
    }

    @Test
    void requestsDuringSwapsNeverFailAndEachImageMatchesTheModelItNames() throws Exception {
        List<LoadedModel> models = new ArrayList<>();
        Map<String, byte[]> expected = new HashMap<>();
        for (int v = 1; v <= 4; v++) {
            LoadedModel m = model("run@" + v, v);
            models.add(m);
            holder.swap(m);
            expected.put(m.modelVersion(), sampler.grid(8, 5, 4, 1).png());
        }
        AtomicBoolean swapping = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            workers.add(threads.submit(() -> {
                int checked = 0;
                while (swapping.get() || checked < 20) {
                    Rendered r = sampler.grid(8, 5, 4, 1);
                    assertThat(r.png()).as("image of %s", r.model().modelVersion())
                            .isEqualTo(expected.get(r.model().modelVersion()));
                    checked++;
                }
                return checked;
            }));
        }
        for (int i = 0; i < 200; i++) {
            holder.swap(models.get(i % models.size()));
            Thread.sleep(1);
        }
        swapping.set(false);
        int total = 0;
        for (Future<Integer> w : workers) {
            total += w.get(); // rethrows any assertion or exception from a worker
        }
        threads.shutdown();
        assertThat(total).isGreaterThanOrEqualTo(8 * 20);
    }
}
