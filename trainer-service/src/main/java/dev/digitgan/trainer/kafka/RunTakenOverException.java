package dev.digitgan.trainer.kafka;

/**
 * Kafka refused a run's record because another instance has opened the run's transactional writer since: the run
 * was taken over (this instance was frozen or cut off for longer than the take-over time). This instance must leave
 * the run without writing anything more about it.
 */
public final class RunTakenOverException extends RuntimeException {

    public RunTakenOverException(String runId, Throwable cause) {
        super("run " + runId + " was taken over by another trainer instance (" + cause.getMessage() + ")", cause);
    }

    /** True if {@code error} or one of its causes says the run was taken over. */
    public static boolean in(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RunTakenOverException) {
                return true;
            }
        }
        return false;
    }
}
