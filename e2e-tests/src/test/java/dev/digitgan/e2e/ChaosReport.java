package dev.digitgan.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** The figures of a fault suite, printed together at its end (and each line as its case ends). */
final class ChaosReport {

    private ChaosReport() {
    }

    static void print(List<String> lines, int concurrency, ChaosRig rig) {
        System.out.println("CHAOS figures (" + concurrency + " sampler clients throughout):");
        lines.forEach(line -> System.out.println("  " + line));
        if (rig != null) {
            System.out.println("chaos: logs in " + rig.logs());
        }
    }

    static String samplerLine(LoadFigures all, int concurrency) {
        return String.format("CHAOS sampler-through-all: %s (%d clients on GET /digits/grid.png?n=16)",
                all.figures(), concurrency);
    }

    static void assertNoFailedRequest(LoadFigures all) {
        assertThat(all.failed()).as(all.figures()).isZero();
        assertThat(all.requests()).as("sampler requests answered").isPositive();
    }
}
