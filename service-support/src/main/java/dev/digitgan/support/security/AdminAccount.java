package dev.digitgan.support.security;

import java.util.Locale;
import java.util.Optional;

/**
 * The admin account of this service, with the names it is configured by: what {@link AdminIdentityProvider} checks
 * logins against and {@link AdminPasswordCheck} checks at start. Each service with admin endpoints produces one.
 *
 * @param property the properties' prefix, {@code digitgan.trainer.admin}
 */
public record AdminAccount(String property, Optional<String> user, Optional<String> password) {

    public static AdminAccount of(String property, AdminConfig config) {
        return new AdminAccount(property, config.user(), config.password());
    }

    /** {@code DIGITGAN_TRAINER_ADMIN_USER}: the environment variable Quarkus maps to {@code <property>.user}. */
    public String userEnv() {
        return env("user");
    }

    public String passwordEnv() {
        return env("password");
    }

    public AdminCredentials credentials() {
        return AdminCredentials.of(user, password);
    }

    private String env(String name) {
        return (property + "." + name).replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "AdminAccount[" + property + ", user " + user.orElse("(unset)") + "]"; // never the password
    }
}
