package dev.digitgan.sampler.api;

/**
 * Body of {@code PUT /models/policy}: {@code {"mode":"best"}}, {@code {"mode":"latest"}},
 * {@code {"mode":"pinned","version":"run-1@3"}} or {@code {"mode":"rollback"}}.
 */
public record PolicyRequest(String mode, String version) {
}
