package dev.digitgan.model.quality;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the quality commands print beside their figures. */
final class QualityBenchmarks {

    private QualityBenchmarks() {
    }

    /** The 1, 5 and 15-minute load averages ({@code /proc/loadavg}), or "unknown". */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
