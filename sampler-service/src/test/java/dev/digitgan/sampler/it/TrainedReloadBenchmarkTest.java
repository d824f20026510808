package dev.digitgan.sampler.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.checkpoint.Checkpoint;
import dev.digitgan.model.checkpoint.CheckpointBytes;
import dev.digitgan.model.checkpoint.CheckpointFormat;
import dev.digitgan.model.checkpoint.CheckpointManifest;
import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.ObjectLayout;
import dev.digitgan.sampler.model.ModelLoader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Event → first response with real trained checkpoints, one per preset, read two ways in alternation: the
 * generator part the trainer announces (a range read) and, for comparison, the whole object (an event without the
 * part, as before). {@code -Dreload.trained} names the checkpoint files, comma-separated
 * ({@code scripts/bench-reload.sh} trains them); {@code -Dreload.rounds} (10) versions of each are published, the
 * two ways alternating. Figures are printed; correctness is asserted (each version is served, from either read).
 */
@Tag("slow")
@QuarkusTest
@WithTestResource(SamplerStackResource.class)
class TrainedReloadBenchmarkTest {

    @BeforeAll
    static void aModelIsServed() {
        AppUnderTest.awaitAModel();
    }

    @Test
    void eventToFirstResponseForEveryPresetFromItsPartAndFromTheWholeObject() throws Exception {
        String files = System.getProperty("reload.trained", "");
        assertThat(files).as("-Dreload.trained: trained checkpoint files (scripts/bench-reload.sh makes them)")
                .isNotBlank();
        int rounds = Integer.getInteger("reload.rounds", 10);
        String bucket = ConfigProvider.getConfig().getValue("digitgan.s3.bucket", String.class);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(AppUnderTest.base() + "/digits/grid.png?n=1&seed=1"))
                .build();
        List<String> lines = new ArrayList<>();
        try (TrainerStandIn stack = TrainerStandIn.fromConfig()) {
            for (String file : files.split(",")) {
                Checkpoint trained;
                try (InputStream in = Files.newInputStream(Path.of(file.trim()))) {
                    trained = CheckpointFormat.read(in);
                }
                String preset = trained.manifest().spec().preset();
                String runId = "reload-" + preset + "-" + System.currentTimeMillis() % 100000;
                long[] part = new long[rounds];
                long[] whole = new long[rounds];
                long objectBytes = 0;
                long partBytes = 0;
                for (int v = 1; v <= 2 * rounds; v++) {
                    CheckpointBytes bytes = encode(trained, runId, v);
                    objectBytes = bytes.zip().length;
                    partBytes = bytes.generatorPartBytes();
                    stack.put(ObjectLayout.checkpointKey(runId, v), bytes.zip()); // stored first, as a trainer does
                    CheckpointEvent event = new CheckpointEvent(Event.SCHEMA_VERSION, runId, v, bucket,
                            ObjectLayout.checkpointKey(runId, v), bytes.zip().length, ModelLoader.sha256(bytes.zip()),
                            trained.manifest().spec(), v, v, 1, 1, ObjectLayout.gridKey(runId, v), Instant.now());
                    boolean readPart = v % 2 == 1;
                    long t0 = System.nanoTime();
                    stack.announce(readPart ? event.withGeneratorPart(TrainerStandIn.part(bytes)) : event);
                    AppUnderTest.awaitVersionNamed(client, probe, runId + "@" + v, t0, Duration.ofSeconds(60));
                    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                    (readPart ? part : whole)[(v - 1) / 2] = ms;
                }
                lines.add(String.format(Locale.ROOT,
                        "  %-7s object %,6d KiB, part %,5d KiB (%2.0f %%): part p50 %4d ms max %4d ms | whole p50 %4d"
                                + " ms max %4d ms   part %s whole %s",
                        preset, objectBytes / 1024, partBytes / 1024, 100.0 * partBytes / objectBytes,
                        percentile(part, 50), percentile(part, 100), percentile(whole, 50), percentile(whole, 100),
                        Arrays.toString(part), Arrays.toString(whole)));
            }
        }
        System.out.printf(Locale.ROOT, "%nRELOAD event -> first response of that version, trained checkpoints, %d"
                + " rounds of each read, alternating (load average %s)%n%s%n%n", rounds, load(),
                String.join(System.lineSeparator(), lines));
    }

    /** {@code trained} as {@code runId@version}: its weights, a new manifest. */
    private static CheckpointBytes encode(Checkpoint trained, String runId, long version) throws IOException {
        CheckpointManifest m = trained.manifest();
        CheckpointManifest manifest = CheckpointManifest.of(runId, version, m.spec(), (int) version, version,
                Instant.now(), m.losses());
        return CheckpointFormat.encode(new Checkpoint(manifest, trained.generator(), trained.discriminator(),
                trained.stacked()));
    }

    private static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static String load() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.exists(loadavg) ? Files.readString(loadavg).trim() : "unknown";
    }
}
