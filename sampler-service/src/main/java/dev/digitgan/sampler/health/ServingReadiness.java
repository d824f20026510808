package dev.digitgan.sampler.health;

import java.time.Duration;

/**
 * The readiness decision, a plain function: ready when there is a model to serve and the replica has caught up
 * with the checkpoint topic, or has waited {@code catchUpTimeout} for that since it started (then it serves what
 * it has: a replica restarted during a Kafka outage must still take traffic). Kafka and S3 are not part of it:
 * without them the replica serves its current model, and taking every replica out of service would stop all
 * serving.
 *
 * @param ready  the answer
 * @param reason why, for the check's data
 */
public record ServingReadiness(boolean ready, String reason) {

    public static ServingReadiness of(boolean hasModel, boolean caughtUp, Duration sinceStart,
                                      Duration catchUpTimeout) {
        if (!hasModel) {
            return new ServingReadiness(false, "no model to serve yet");
        }
        if (caughtUp) {
            return new ServingReadiness(true, "serving, caught up with the checkpoint topic");
        }
        if (sinceStart.compareTo(catchUpTimeout) >= 0) {
            return new ServingReadiness(true, "serving without having caught up with the checkpoint topic within "
                    + catchUpTimeout.toSeconds() + " s of start");
        }
        return new ServingReadiness(false, "catching up with the checkpoint topic");
    }
}
