package dev.digitgan.sampler.reload;

/**
 * The policy in force and what it resolved to.
 *
 * @param mode    best, latest, pinned or rollback
 * @param version the pinned / rolled-back-to version, null for best and latest
 * @param serving the model being served now (null before any)
 * @param reason  why the policy serves it, in words (e.g. "best: FD 18.2 &lt; 24.9 − 0.5 (run@5 replaces run@3)");
 *                null before the first decision
 */
public record PolicyState(String mode, String version, String serving, String reason) {
}
