package dev.digitgan.trainer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.digitgan.model.checkpoint.CheckpointFormat;
import dev.digitgan.model.checkpoint.GeneratorCheckpoint;
import dev.digitgan.model.quality.EvaluationProtocol;
import dev.digitgan.model.quality.QualityEvaluator;
import dev.digitgan.model.quality.QualityScores;
import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.train.Generator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code eval}: scores a generator with the project's evaluator — a checkpoint zip on disk, or whatever a running
 * sampler serves — and prints the figures. Same evaluator, same evaluation z as the trainer's checkpoint scores.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Score a checkpoint zip, or the model a running sampler serves, with the project's evaluator"
                + " (Fréchet distance, Inception Score, label entropy).")
public final class EvalCommand implements Callable<Integer> {

    /** Digits per request to the sampler: its JSON endpoint's default limit ({@code digitgan.sampler.max-json}). */
    static final int DIGITS_PER_REQUEST = 64;
    /** Sampler seeds of the evaluation requests: request i asks for seed BASE + i, so reruns ask the same. */
    static final long SAMPLER_SEED_BASE = 1_000_000L;

    private final PrintStream console;

    @Parameters(arity = "0..1", paramLabel = "CHECKPOINT", description = "a checkpoint zip (runs/<id>/…zip)")
    Path checkpoint;

    @Option(names = "--url", description = "score the model a sampler serves, e.g. http://localhost:8082")
    URI url;

    @Option(names = "--samples", defaultValue = "" + EvaluationProtocol.REPORT_SAMPLES,
            description = "N, digits to score (default: ${DEFAULT-VALUE})")
    int samples;

    EvalCommand(PrintStream console) {
        this.console = console;
    }

    /** Runs the command line {@code args}; returns the process exit code. */
    public static int run(PrintStream console, PrintStream errors, String... args) {
        return CommandLines.execute(new EvalCommand(console), console, errors, args);
    }

    @Override
    public Integer call() throws Exception {
        if ((checkpoint == null) == (url == null)) {
            throw new IllegalArgumentException("give either a checkpoint zip or --url of a sampler");
        }
        if (samples < 2) {
            throw new IllegalArgumentException("--samples must be >= 2, got " + samples);
        }
        QualityEvaluator evaluator = QualityEvaluator.shipped();
        long start = System.nanoTime();
        QualityScores scores;
        String what;
        if (checkpoint != null) {
            GeneratorCheckpoint read;
            try (InputStream in = Files.newInputStream(checkpoint)) {
                read = CheckpointFormat.readGeneratorOnly(in);
            }
            what = read.manifest().runId() + "@" + read.manifest().version()
                    + " (" + read.manifest().spec().preset() + ", epoch " + read.manifest().epoch()
                    + ", step " + read.manifest().step() + ") from " + checkpoint;
            scores = evaluator.score(Generator.of(read.generator(), read.manifest().spec()), samples);
        } else {
            SamplerDigits digits = fetch(url, samples);
            what = digits.modelVersion() + " served by " + url;
            scores = evaluator.score(digits.pixels(), samples, digits.labels());
        }
        console.printf(Locale.ROOT, "%s%n  %s%n  evaluator %s, %.1f s%n", what, scores.summary(), scores.evaluator(),
                (System.nanoTime() - start) / 1e9);
        return 0;
    }

    /**
     * {@code n} digits of one model version, in the evaluator's [-1, 1] pixels, with the digit each was drawn as
     * when the model is conditional (the sampler's {@code labels}; null otherwise), so its label accuracy is scored.
     */
    record SamplerDigits(String modelVersion, float[] pixels, int[] labels) {
    }

    /**
     * Asks the sampler's JSON endpoint for {@code n} digits, in requests of {@link #DIGITS_PER_REQUEST}, and
     * insists that every answer came from the same model version (a reload mid-way would mix two models).
     */
    static SamplerDigits fetch(URI base, int n) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ObjectMapper json = new ObjectMapper();
        float[] pixels = new float[n * GanSpec.IMAGE_PIXELS];
        int[] labels = new int[n];
        boolean labelled = true;
        String version = null;
        int filled = 0;
        for (int request = 0; filled < n; request++) {
            int count = Math.min(DIGITS_PER_REQUEST, n - filled);
            URI uri = base.resolve("/digits?n=" + count + "&seed=" + (SAMPLER_SEED_BASE + request));
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("GET " + uri + " answered " + response.statusCode() + ": "
                        + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
            JsonNode body = json.readTree(response.body());
            String served = body.path("modelVersion").asText();
            if (version == null) {
                version = served;
            } else if (!version.equals(served)) {
                throw new IOException("the sampler changed its model from " + version + " to " + served
                        + " during the evaluation; run it again (or pin a version)");
            }
            JsonNode drawnAs = body.path("labels");
            labelled &= drawnAs.isArray() && drawnAs.size() == body.path("digits").size();
            int first = filled;
            for (JsonNode digit : body.path("digits")) {
                if (digit.size() != GanSpec.IMAGE_PIXELS || filled >= n) {
                    throw new IOException("unexpected answer from " + uri + ": digits of " + digit.size() + " values");
                }
                for (int i = 0; i < GanSpec.IMAGE_PIXELS; i++) {
                    // grey 0 (black) .. 255 (white) back to the generator's [-1, 1]
                    pixels[filled * GanSpec.IMAGE_PIXELS + i] = (float) (digit.get(i).asInt() / 127.5 - 1);
                }
                if (labelled) {
                    labels[filled] = drawnAs.get(filled - first).asInt();
                }
                filled++;
            }
        }
        return new SamplerDigits(version, pixels, labelled ? labels : null);
    }
}
