package dev.digitgan.metrics.it;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What the loss and status topics hold after a trainer crashed twice and resumed from its checkpoints: steps
 * re-sent (with other values, as a resumed trainer computes them anew) and statuses out of order.
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

    record Log(List<String> losses, List<String> statuses) {
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
        List<String> statuses = List.of(status(runId, "FINISHED", 900), status(runId, "RUNNING", 100));
        return new Log(losses, statuses);
    }

    private static String loss(String runId, long step, Random random) {
        int epoch = (int) ((step - 1) / STEPS_PER_EPOCH) + 1;
        double d = random.nextDouble() * 2;
        double g = random.nextDouble() * 3;
        return String.format(Locale.ROOT, "{\"schemaVersion\":1,\"runId\":\"%s\",\"step\":%d,\"epoch\":%d,"
                        + "\"discriminatorLoss\":%s,\"generatorLoss\":%s,\"dReal\":%s,\"dFake\":%s,\"imagesPerSecond\":%s,"
                        + "\"time\":\"%s\"}",
                runId, step, epoch, d, g, d / 3, g / 4, 900.0 + step % 50, T0.plusMillis(step * 20));
    }

    private static String status(String runId, String state, long second) {
        return String.format(Locale.ROOT, "{\"schemaVersion\":1,\"runId\":\"%s\",\"state\":\"%s\",\"preset\":\"seed\","
                        + "\"epoch\":4,\"epochs\":4,\"step\":%d,\"totalSteps\":1600,\"checkpoints\":6,\"trainer\":\"host-a\","
                        + "\"message\":null,\"updatedAt\":\"%s\"}",
                runId, state, STEPS, T0.plusSeconds(second));
    }

    private RestartLog() {
    }
}
