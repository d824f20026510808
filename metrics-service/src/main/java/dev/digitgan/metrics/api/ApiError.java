package dev.digitgan.metrics.api;

/** The JSON body of every 4xx answer: what was wrong, in words. */
public record ApiError(int status, String error) {
}
