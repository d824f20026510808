package dev.digitgan.model.events;

import java.util.regex.Pattern;

/**
 * Run ids appear in S3 keys, Kafka keys and Prometheus labels, so they are restricted to a small,
 * safe alphabet here rather than escaped in three places.
 */
public final class RunIds {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public static String requireValid(String runId) {
        if (runId == null || !VALID.matcher(runId).matches()) {
            throw new IllegalArgumentException("invalid run id '" + runId
                    + "': use 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        return runId;
    }

    public static boolean isValid(String runId) {
        return runId != null && VALID.matcher(runId).matches();
    }

    private RunIds() {
    }
}
