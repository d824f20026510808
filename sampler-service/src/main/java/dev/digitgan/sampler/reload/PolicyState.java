package dev.digitgan.sampler.reload;

/**
 * The policy in force and what it resolved to.
 *
 * @param mode    latest, pinned or rollback
 * @param version the pinned / rolled-back-to version, null for latest
 * @param serving the model being served now (null before any)
 */
public record PolicyState(String mode, String version, String serving) {
}
