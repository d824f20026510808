package dev.digitgan.trainer.api;

import java.time.Instant;

/**
 * One {@code POST /runs}'s claim of a run id on {@code Topics.RUN_IDS}. The first claim of an id in the topic has
 * it, for ever; the nonce tells the claimant its own claim from another's with the same id.
 *
 * @param nonce    random, one per request
 * @param instance the trainer instance that took the request (for the refusal's message)
 * @param user     who asked
 */
public record RunIdClaim(int schemaVersion, String runId, String nonce, String instance, String user,
                         Instant claimedAt) {

    public static final int SCHEMA_VERSION = 1;

    public RunIdClaim {
        if (runId == null || nonce == null) {
            throw new IllegalArgumentException("a run-id claim needs a run id and a nonce");
        }
    }

    /** The same claim: its nonce, since ids repeat and users and times may too. */
    public boolean sameAs(RunIdClaim other) {
        return other != null && nonce.equals(other.nonce) && runId.equals(other.runId);
    }

    public String describe() {
        return "claimed by " + user + " on " + instance + " at " + claimedAt;
    }
}
