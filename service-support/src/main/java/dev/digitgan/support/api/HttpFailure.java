package dev.digitgan.support.api;

import java.util.Map;

/**
 * Implemented by a service's own exceptions that know their HTTP status; {@link ErrorMappers} answers them with
 * that status, their message and these headers. An interface rather than a base class so that an exception can
 * keep the type it extends ({@code IllegalArgumentException}, ...).
 */
public interface HttpFailure {

    int status();

    /** Extra response headers, e.g. {@code Retry-After} on a 503. */
    default Map<String, String> headers() {
        return Map.of();
    }
}
