package dev.digitgan.model.events;

/**
 * Where things live in S3. The only place object keys are composed.
 *
 * <pre>
 * runs/{runId}/checkpoints/{version:08d}.zip   a checkpoint (CheckpointFormat)
 * runs/{runId}/grids/{version:08d}.png         the fixed-z sample grid of that checkpoint
 * runs/{runId}/request.json                    the run's TrainingRequest (EventCodec JSON), for resuming
 * </pre>
 */
public final class ObjectLayout {

    /** The default bucket; deployments may configure another. */
    public static final String DEFAULT_BUCKET = "digitgan";

    public static String runPrefix(String runId) {
        return "runs/" + RunIds.requireValid(runId) + "/";
    }

    public static String checkpointsPrefix(String runId) {
        return runPrefix(runId) + "checkpoints/";
    }

    public static String checkpointKey(String runId, long version) {
        return checkpointsPrefix(runId) + padded(version) + ".zip";
    }

    /** The claimed run's request, stored by the trainer so that after a crash it can resume the run. */
    public static String requestKey(String runId) {
        return runPrefix(runId) + "request.json";
    }

    public static String gridKey(String runId, long version) {
        return runPrefix(runId) + "grids/" + padded(version) + ".png";
    }

    /**
     * The version a checkpoint key names, so that a restarted trainer can find its newest checkpoint
     * by listing.
     *
     * @throws IllegalArgumentException when the key is not a checkpoint key
     */
    public static long versionOf(String checkpointKey) {
        int slash = checkpointKey.lastIndexOf('/');
        if (!checkpointKey.startsWith("runs/") || !checkpointKey.contains("/checkpoints/")
                || !checkpointKey.endsWith(".zip") || slash < 0) {
            throw new IllegalArgumentException("not a checkpoint key: " + checkpointKey);
        }
        String digits = checkpointKey.substring(slash + 1, checkpointKey.length() - ".zip".length());
        if (!digits.matches("\\d{8,}")) {
            throw new IllegalArgumentException("not a checkpoint key: " + checkpointKey);
        }
        return Long.parseLong(digits);
    }

    private static String padded(long version) {
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, was " + version);
        }
        return String.format("%08d", version);
    }

    private ObjectLayout() {
    }
}
