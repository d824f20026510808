package dev.digitgan.support.api;

/**
 * The JSON body of every error response of every service.
 *
 * @param code    the HTTP status
 * @param type    its reason phrase ("Bad Request", "Not Found", ...): the kind of failure, for programs
 * @param message what was wrong, for people
 */
public record ApiError(int code, String type, String message) {
}
