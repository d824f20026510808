package dev.digitgan.support.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The one admin account of a service, and the one way to check a login against it. A blank (or absent) user or
 * password means no account: every login fails, so the admin endpoints stay closed rather than open.
 */
public final class AdminCredentials {

    /** The role the admin gets; admin endpoints are {@code @RolesAllowed(AdminCredentials.ROLE)}. */
    public static final String ROLE = "admin";

    private final Optional<String> user;
    private final Optional<String> password;

    private AdminCredentials(Optional<String> user, Optional<String> password) {
        this.user = user;
        this.password = password;
    }

    public static AdminCredentials of(Optional<String> user, Optional<String> password) {
        Optional<String> u = user.filter(s -> !s.isBlank());
        Optional<String> p = password.filter(s -> !s.isBlank());
        return u.isPresent() && p.isPresent() ? new AdminCredentials(u, p)
                : new AdminCredentials(Optional.empty(), Optional.empty());
    }

    public boolean configured() {
        return user.isPresent();
    }

    public Optional<String> user() {
        return user;
    }

    /**
     * True only for the configured user with its password. Both comparisons always run (non-short-circuit
     * {@code &}) and compare SHA-256 digests in constant time, so the response time tells neither which of the two
     * was wrong, nor the secret's length, nor how long a prefix of a guess was right.
     */
    public boolean matches(String givenUser, char[] givenPassword) {
        if (!configured()) {
            return false;
        }
        String given = givenPassword == null ? "" : new String(givenPassword);
        return constantTimeEquals(user.get(), givenUser) & constantTimeEquals(password.get(), given);
    }

    private static boolean constantTimeEquals(String expected, String given) {
        return MessageDigest.isEqual(sha256(expected), sha256(given == null ? "" : given));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
