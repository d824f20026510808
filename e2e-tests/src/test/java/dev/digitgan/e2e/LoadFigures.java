package dev.digitgan.e2e;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a load of sampler requests got over a span of time: every request answered 2xx counts as served; any other
 * status, an IO error or a timeout counts as failed.
 *
 * @param requests what was sent and finished
 * @param failed   of those, not answered 2xx
 * @param outcomes how many ended in each way ({@code 200}, {@code 503}, {@code HttpTimeoutException}, ...)
 */
record LoadFigures(long requests, long failed, Map<String, Long> outcomes) {

    LoadFigures {
        outcomes = Map.copyOf(outcomes);
    }

    /** The requests that finished between {@code earlier} and this one (both from the same load). */
    LoadFigures since(LoadFigures earlier) {
        Map<String, Long> delta = new TreeMap<>();
        outcomes.forEach((outcome, count) -> {
            long d = count - earlier.outcomes.getOrDefault(outcome, 0L);
            if (d != 0) {
                delta.put(outcome, d);
            }
        });
        return new LoadFigures(requests - earlier.requests, failed - earlier.failed, delta);
    }

    String figures() {
        String out = String.format("sampler %,d/%,d failed", failed, requests);
        return failed == 0 ? out : out + " " + new TreeMap<>(outcomes);
    }
}
