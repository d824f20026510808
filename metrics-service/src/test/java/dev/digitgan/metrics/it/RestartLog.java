package dev.digitgan.metrics.it;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What the loss, status and checkpoint topics hold after a trainer crashed twice and resumed from its checkpoints:
 * steps re-sent (with other values, as a resumed trainer computes them anew), statuses out of order, and
 * checkpoints first unscored (schema v1, before the trainer scored them), then scored (v2), one scored again with
 * other values by the resumed trainer, and the last one announced again with its final 10,000-sample score.
 *
 * <p>Written as JSON text with JDK types only, because {@link PrefilledTopics} publishes it from a Quarkus test
 * resource, where shared-model's classes can end up split between two class loaders (IllegalAccessError on
 * its package-private helpers). The test decodes the same text with {@code EventCodec}, which also checks that
 * a hand-written schema-v1 document is read as intended.
 */
final class RestartLog {

    static final int STEPS = 1_500;
    static final int STEPS_PER_EPOCH = 400;
    static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

    static final int CHECKPOINTS = 6;
    static final int STEPS_PER_CHECKPOINT = 250;
    static final String EVALUATOR = "mnist-cnn-0123456789ab";
    /** Presets.seed() as EventCodec writes it. */
    static final String SPEC = "{\"preset\":\"seed\",\"architecture\":\"MLP\",\"latentSize\":100,"
            + "\"generatorHidden\":[150,300],\"discriminatorHidden\":[300,150],\"generatorChannels\":[],"
            + "\"discriminatorChannels\":[],\"generatorLearningRate\":1.0E-4,\"discriminatorLearningRate\":1.0E-4,"
            + "\"beta1\":0.9,\"dropoutKeep\":0.7,\"leakyReluAlpha\":0.0,\"batchSize\":256,\"seed\":42}";

    record Log(List<String> losses, List<String> statuses, List<String> checkpoints) {
    }

    static Log of(String runId) {
        Random random = new Random(runId.hashCode());
        List<String> losses = new ArrayList<>();
        for (long step = 1; step <= STEPS; step++) {
            losses.add(loss(runId, step, random));
            // Crash at step 600 (last checkpoint at 500) and at 1_333 (last checkpoint 1_250): resent stretches.
            if (step == 600 || step == 1_333) {
                for (long again = step == 600 ? 501 : 1_251; again <= step; again++) {
                    losses.add(loss(runId, again, random));
                }
            }
        }
        List<String> checkpoints = new ArrayList<>();
        for (int version = 1; version <= CHECKPOINTS; version++) {
            String scores = version <= 2 ? null : scores(200.0 / version + random.nextDouble() * 10, 500, random);
            checkpoints.add(checkpoint(runId, version, scores));
            if (version == 4) {
                checkpoints.add(checkpoint(runId, version, scores(1 + random.nextDouble(), 500, random)));
            }
        }
        // FINISHED (v2) carries the final 10,000-sample score of the last weights; the older RUNNING is a v1 status.
        List<String> statuses = List.of(status(runId, "FINISHED", 900, scores(5 + random.nextDouble(), 10_000, random)),
                status(runId, "RUNNING", 100, null));
        return new Log(losses, statuses, checkpoints);
    }

    /** Schema v1 (no quality field at all) when {@code scores} is null, else v2 carrying them. */
    private static String checkpoint(String runId, int version, String scores) {
        long step = (long) version * STEPS_PER_CHECKPOINT;
        int epoch = (int) ((step - 1) / STEPS_PER_EPOCH) + 1;
        String file = String.format(Locale.ROOT, "%08d", version);
        return String.format(Locale.ROOT, "{\"schemaVersion\":%d,\"runId\":\"%s\",\"version\":%d,"
                        + "\"bucket\":\"digitgan\",\"objectKey\":\"runs/%s/checkpoints/%s.zip\","
                        + "\"sizeBytes\":%d,\"sha256\":\"%s\",\"spec\":%s,"
                        + "\"epoch\":%d,\"step\":%d,\"discriminatorLoss\":1.25,\"generatorLoss\":0.75,"
                        + "\"sampleGridKey\":\"runs/%s/grids/%s.png\",\"createdAt\":\"%s\"%s}",
                scores == null ? 1 : 2, runId, version, runId, file, 1000 + version, "b".repeat(64), SPEC, epoch, step,
                runId, file, T0.plusMillis(step * 20), scores == null ? "" : ",\"quality\":" + scores);
    }

    private static String scores(double frechetDistance, int samples, Random random) {
        return String.format(Locale.ROOT, "{\"frechetDistance\":%s,\"inceptionScore\":%s,\"labelEntropyBits\":%s,"
                        + "\"labelAccuracy\":null,\"samples\":%d,\"evaluator\":\"%s\"}",
                frechetDistance, 1 + random.nextDouble() * 8, random.nextDouble() * 3.3, samples, EVALUATOR);
    }

    private static String loss(String runId, long step, Random random) {
        int epoch = (int) ((step - 1) / STEPS_PER_EPOCH) + 1;
        double d = random.nextDouble() * 2;
        double g = random.nextDouble() * 3;
        return String.format(Locale.ROOT, "{\"schemaVersion\":1,\"runId\":\"%s\",\"step\":%d,\"epoch\":%d,"
                        + "\"discriminatorLoss\":%s,\"generatorLoss\":%s,\"dReal\":%s,\"dFake\":%s,"
                        + "\"imagesPerSecond\":%s,\"time\":\"%s\"}",
                runId, step, epoch, d, g, d / 3, g / 4, 900.0 + step % 50, T0.plusMillis(step * 20));
    }

    /** Schema v1 (no finalQuality field) when {@code finalScores} is null, else v2 carrying them. */
    private static String status(String runId, String state, long second, String finalScores) {
        return String.format(Locale.ROOT, "{\"schemaVersion\":%d,\"runId\":\"%s\",\"state\":\"%s\",\"preset\":\"seed\","
                        + "\"epoch\":4,\"epochs\":4,\"step\":%d,\"totalSteps\":1600,\"checkpoints\":%d,"
                        + "\"trainer\":\"host-a\",\"message\":null,\"updatedAt\":\"%s\"%s}",
                finalScores == null ? 1 : 2, runId, state, STEPS, CHECKPOINTS, T0.plusSeconds(second),
                finalScores == null ? "" : ",\"finalQuality\":" + finalScores);
    }

    private RestartLog() {
    }
}
