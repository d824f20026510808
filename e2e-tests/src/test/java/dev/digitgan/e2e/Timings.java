package dev.digitgan.e2e;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** How long each phase of the end-to-end run took, printed at the end (also when it failed). */
final class Timings {

    private final long start = System.nanoTime();
    private final Map<String, Duration> phases = new LinkedHashMap<>();
    private long phaseStart = start;

    /** Ends the current phase under {@code name} and starts the next one. */
    void mark(String name) {
        long now = System.nanoTime();
        phases.put(name, Duration.ofNanos(now - phaseStart));
        phaseStart = now;
    }

    String report() {
        StringBuilder out = new StringBuilder("e2e timings:");
        phases.forEach((name, d) -> out.append(String.format("%n  %-44s %6.1f s", name, d.toMillis() / 1000.0)));
        out.append(String.format("%n  %-44s %6.1f s", "total", (System.nanoTime() - start) / 1e9));
        return out.toString();
    }
}
