package dev.digitgan.sampler.health;

import java.time.Duration;
import java.time.Instant;

/**
 * What the last background probe of a dependency (S3, Kafka) says, as health checks report it.
 *
 * @param up     whether the dependency answered the last probe, and no probe has been waiting longer than allowed
 * @param detail what was seen, for people ("answered 2026-… ", "no answer for 7 s", the error)
 */
public record ProbeStatus(boolean up, String detail) {

    /**
     * The status from the probe's record, a plain function: a probe still waiting for an answer after
     * {@code timeout} means down, whatever the previous result was (a paused server answers nothing, and a
     * client's own read timeout can be much longer); before any result, down ("not probed yet").
     *
     * @param waitingSince when the probe now running started, or null when none runs
     * @param lastAnswer   when the last probe finished, or null
     * @param lastError    the last probe's failure, or null when it succeeded
     */
    public static ProbeStatus of(Instant now, Duration timeout, Instant waitingSince, Instant lastAnswer,
                                 String lastError) {
        if (waitingSince != null && Duration.between(waitingSince, now).compareTo(timeout) > 0) {
            return new ProbeStatus(false, "no answer for " + Duration.between(waitingSince, now).toSeconds()
                    + " s" + (lastAnswer == null ? "" : " (last answer at " + lastAnswer + ")"));
        }
        if (lastAnswer == null) {
            return new ProbeStatus(false, "not probed yet");
        }
        if (lastError != null) {
            return new ProbeStatus(false, lastError + " (at " + lastAnswer + ")");
        }
        return new ProbeStatus(true, "answered at " + lastAnswer);
    }
}
