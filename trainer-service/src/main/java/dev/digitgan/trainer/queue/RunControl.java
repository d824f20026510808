package dev.digitgan.trainer.queue;

/**
 * What the training loop of one run checks after every step: whether someone asked to stop the run (a STOP
 * command) or the instance is shutting down. Set from other threads (the run-control consumer, shutdown), read by
 * the training thread.
 */
public final class RunControl {

    private final String runId;
    private volatile boolean stopRequested;
    private volatile boolean shutdownRequested;

    public RunControl(String runId) {
        this.runId = runId;
    }

    public String runId() {
        return runId;
    }

    public void requestStop() {
        stopRequested = true;
    }

    public void requestShutdown() {
        shutdownRequested = true;
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    public boolean shutdownRequested() {
        return shutdownRequested;
    }
}
