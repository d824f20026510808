package dev.digitgan.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.digitgan.model.checkpoint.Checkpoint;
import dev.digitgan.model.checkpoint.CheckpointFormat;
import dev.digitgan.model.checkpoint.CheckpointManifest;
import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.mnist.MnistSplit;
import dev.digitgan.model.nets.GanModel;
import dev.digitgan.model.nets.GanNetworks;
import dev.digitgan.model.quality.QualityEvaluator;
import dev.digitgan.model.quality.QualityScores;
import dev.digitgan.model.spec.Presets;
import dev.digitgan.model.train.Generator;
import dev.digitgan.trainer.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {

    private static final int N = 300;
    private static QualityEvaluator evaluator;
    private static MnistDataset test;

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private HttpServer server;
    /** Whether the stand-in sampler answers as a conditional one: each digit's true label as the digit asked for. */
    private boolean labelled;

    @BeforeAll
    static void load() throws IOException {
        evaluator = QualityEvaluator.shipped();
        test = MnistDataset.load(TestData.mnistDir(), MnistSplit.TEST).first(N);
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aCheckpointZipIsScoredLikeTheTrainerScoresIt() throws IOException {
        GanModel model = GanNetworks.create(Presets.mlp());
        Path zip = tmp.resolve("checkpoint.zip");
        Files.write(zip, CheckpointFormat.toBytes(Checkpoint.snapshot(model,
                CheckpointManifest.of("run-e", 4, model.spec(), 1, 10, Instant.now(), null))));
        QualityScores expected = evaluator.score(new Generator(model.generator()), N);

        assertThat(run(zip.toString(), "--samples", Integer.toString(N))).as(stderr()).isZero();

        assertThat(stdout()).contains("run-e@4 (mlp, epoch 1, step 10)", expected.summary(), expected.evaluator());
    }

    @Test
    void aRunningSamplersDigitsAreFetchedInPagesAndScored() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        serve(requests, "run-s@7", "run-s@7");
        QualityScores expected = evaluator.score(Arrays.copyOf(test.images(), N * test.pixels()), N);

        assertThat(run("--url", "http://127.0.0.1:" + server.getAddress().getPort(), "--samples", "" + N))
                .as(stderr()).isZero();

        assertThat(requests.get()).isEqualTo((N + EvalCommand.DIGITS_PER_REQUEST - 1) / EvalCommand.DIGITS_PER_REQUEST);
        assertThat(stdout()).contains("run-s@7 served by", expected.summary());
    }

    @Test
    void aConditionalSamplersLabelsAreScoredAsTheDigitsAskedFor() throws IOException {
        labelled = true;
        serve(new AtomicInteger(), "run-c@2", "run-c@2");
        int[] asked = new int[N];
        for (int i = 0; i < N; i++) {
            asked[i] = test.label(i);
        }
        QualityScores expected = evaluator.score(Arrays.copyOf(test.images(), N * test.pixels()), N, asked);

        assertThat(run("--url", "http://127.0.0.1:" + server.getAddress().getPort(), "--samples", "" + N))
                .as(stderr()).isZero();

        assertThat(expected.labelAccuracy()).isGreaterThan(0.9);
        assertThat(stdout()).contains(expected.summary(), "label accuracy");
    }

    @Test
    void aModelChangeDuringTheEvaluationFailsInsteadOfMixingTwoModels() throws IOException {
        serve(new AtomicInteger(), "run-s@7", "run-s@8");

        assertThat(run("--url", "http://127.0.0.1:" + server.getAddress().getPort(), "--samples", "" + N))
                .isEqualTo(1);
        assertThat(stderr()).contains("changed its model from run-s@7 to run-s@8");
    }

    @Test
    void itNeedsExactlyOneThingToScore() {
        assertThat(run()).isEqualTo(1);
        assertThat(stderr()).contains("either a checkpoint zip or --url");
    }

    /** A sampler's JSON endpoint serving MNIST test digits: the first request from {@code first}, then {@code rest}. */
    private void serve(AtomicInteger requests, String first, String rest) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger served = new AtomicInteger();
        server.createContext("/digits", exchange -> {
            int call = requests.getAndIncrement();
            int n = Integer.parseInt(exchange.getRequestURI().getQuery().replaceAll(".*n=(\\d+).*", "$1"));
            int from = served.getAndAdd(n);
            String digits = IntStream.range(from, from + n).mapToObj(i -> Arrays.toString(grey(test.image(i))))
                    .collect(Collectors.joining(","));
            String labels = !labelled ? "" : ",\"labels\":" + Arrays.toString(
                    IntStream.range(from, from + n).map(test::label).toArray());
            byte[] body = ("{\"modelVersion\":\"" + (call == 0 ? first : rest) + "\",\"seed\":1,\"width\":28,"
                    + "\"height\":28,\"digits\":[" + digits + "]" + labels + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** What the sampler sends: grey 0..255 per pixel (exact for MNIST, whose pixels are bytes). */
    private static int[] grey(float[] pixels) {
        int[] grey = new int[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            grey[i] = Math.round((pixels[i] + 1) * 127.5f);
        }
        return grey;
    }

    private int run(String... args) {
        return EvalCommand.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
