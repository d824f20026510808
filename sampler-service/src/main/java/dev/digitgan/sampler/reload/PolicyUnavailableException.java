package dev.digitgan.sampler.reload;

import dev.digitgan.support.api.HttpFailure;
import java.util.Map;

/** The fleet's policy topic did not take a change in time: nothing changed, try again later (503). */
public class PolicyUnavailableException extends RuntimeException implements HttpFailure {

    static final String RETRY_AFTER_SECONDS = "5";

    public PolicyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", RETRY_AFTER_SECONDS);
    }
}
