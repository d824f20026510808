package dev.digitgan.trainer.api;

/** The answer to {@code POST /runs}: the run's id and where to follow it. */
public record RunAccepted(String runId, String status) {
}
