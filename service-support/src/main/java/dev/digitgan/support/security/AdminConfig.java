package dev.digitgan.support.security;

import java.util.Optional;

/**
 * A service's admin account: a group in the service's own {@code @ConfigMapping}, so that each service has its own
 * ({@code digitgan.trainer.admin.*}, env {@code DIGITGAN_TRAINER_ADMIN_USER} / {@code _PASSWORD};
 * {@code digitgan.sampler.admin.*}, {@code DIGITGAN_SAMPLER_ADMIN_*}). No defaults in code: from the environment or
 * the deployment's secret; outside the dev and test profiles a service refuses to start without them
 * ({@link AdminPasswordCheck}).
 */
public interface AdminConfig {

    Optional<String> user();

    Optional<String> password();
}
