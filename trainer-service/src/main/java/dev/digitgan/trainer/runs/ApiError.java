package dev.digitgan.trainer.runs;

/** The body of every 4xx answer: what was wrong, in words. */
public record ApiError(String error) {
}
