package dev.digitgan.support.security;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * The admin account ({@code digitgan.admin.*}, env {@code DIGITGAN_ADMIN_USER} / {@code DIGITGAN_ADMIN_PASSWORD}).
 * No defaults in code: from the environment or the deployment's secret; unset, the admin endpoints are closed.
 */
@ConfigMapping(prefix = "digitgan.admin")
public interface AdminConfig {

    Optional<String> user();

    Optional<String> password();
}
