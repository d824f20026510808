package dev.digitgan.support.security;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a service may start with its admin account: outside the dev and test profiles, not without a user and a
 * password, not with a short password, and not with a password committed to the repository. Every password the
 * repository holds (the development ones in {@code .env}, the tests') starts with one of {@link #COMMITTED_MARKERS}
 * (checked against {@code .env} by this class's test), so the check needs no copy of them, which the deployment
 * validation would flag (scripts/validate-deploy.sh: the development credentials appear in no other tracked file).
 */
public final class AdminPasswordCheck {

    /** The shortest password accepted: {@code scripts/up.sh} generates 24 random characters. */
    public static final int MIN_LENGTH = 16;
    /** How every committed password begins. */
    public static final List<String> COMMITTED_MARKERS = List.of("dev-only-", "test-only-");
    /** Profiles in which the check does not apply (a developer's machine, the tests). */
    public static final Set<String> UNCHECKED_PROFILES = Set.of("dev", "test");
    /** The names trainer and sampler shared before each got its own. */
    public static final List<String> RETIRED_NAMES = List.of("DIGITGAN_ADMIN_USER", "DIGITGAN_ADMIN_PASSWORD");

    private AdminPasswordCheck() {
    }

    /** True unless one of the active profiles is dev or test. */
    public static boolean applies(Collection<String> activeProfiles) {
        return activeProfiles.stream().noneMatch(UNCHECKED_PROFILES::contains);
    }

    /**
     * Why the service must not start with this account, or empty when it may.
     *
     * @param retiredNamesSet whether the environment still sets {@link #RETIRED_NAMES} (said in the message)
     */
    public static Optional<String> refusal(AdminAccount account, boolean retiredNamesSet) {
        String why = reason(account);
        if (why == null) {
            return Optional.empty();
        }
        StringBuilder message = new StringBuilder("refusing to start: ").append(why)
                .append(". Set ").append(account.userEnv()).append(" and ").append(account.passwordEnv())
                .append(" to this service's own admin account (at least ").append(MIN_LENGTH)
                .append(" characters; docs/deployment.md, \"Admin credentials\"), or run a development machine with"
                        + " the dev profile (QUARKUS_PROFILE=dev)");
        if (retiredNamesSet) {
            message.append(". DIGITGAN_ADMIN_USER / DIGITGAN_ADMIN_PASSWORD are set but no longer read: each service"
                    + " has its own account now");
        }
        return Optional.of(message.toString());
    }

    private static String reason(AdminAccount account) {
        if (account.user().filter(u -> !u.isBlank()).isEmpty()) {
            return account.userEnv() + " is not set";
        }
        Optional<String> password = account.password().filter(p -> !p.isBlank());
        if (password.isEmpty()) {
            return account.passwordEnv() + " is not set";
        }
        String p = password.get();
        for (String marker : COMMITTED_MARKERS) {
            if (p.startsWith(marker)) {
                return account.passwordEnv() + " is a password committed to the repository (it starts with '"
                        + marker + "'), public to anyone who has read it";
            }
        }
        if (p.length() < MIN_LENGTH) {
            return account.passwordEnv() + " has " + p.length() + " characters, fewer than " + MIN_LENGTH;
        }
        return null;
    }
}
