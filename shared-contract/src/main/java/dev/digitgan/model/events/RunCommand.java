package dev.digitgan.model.events;

import java.time.Instant;

/** A command for a run that some trainer instance may be training; the one that is acts on it. */
public record RunCommand(int schemaVersion, String runId, Action action, String requestedBy, Instant requestedAt)
        implements Event {

    public enum Action { STOP }

    public RunCommand {
        Checks.schema(schemaVersion);
        RunIds.requireValid(runId);
        Checks.present(action, "action");
        Checks.present(requestedAt, "requestedAt");
    }
}
