package dev.digitgan.metrics.aggregate;

/** Mean, minimum and maximum of one quantity over an epoch or a history bucket. */
public record Stat(double mean, double min, double max) {
}
