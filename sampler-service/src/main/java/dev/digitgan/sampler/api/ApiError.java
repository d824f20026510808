package dev.digitgan.sampler.api;

/** The JSON body of every error response: the HTTP status, a short name, and a message for people. */
public record ApiError(int status, String error, String message) {
}
