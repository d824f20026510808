package dev.digitgan.sampler.reload;

import dev.digitgan.model.events.PolicyChange;
import java.util.Locale;

/**
 * Which version the sampler serves.
 * <ul>
 *   <li>{@code best}: the loadable version with the best quality scores, replaced only by a clearly better one
 *       ({@link BestVersion}; the default);</li>
 *   <li>{@code latest}: the newest loadable checkpoint;</li>
 *   <li>{@code pinned}: exactly {@code version}, whatever arrives later;</li>
 *   <li>{@code rollback}: the model served before the current one; once resolved it stays on that
 *       version ({@code version} names it) like a pin, until the policy is set again.</li>
 * </ul>
 *
 * @param version the pinned or rolled-back-to model ({@code runId@version}); null for best and latest
 */
public record VersionPolicy(Mode mode, String version) {

    public enum Mode {
        BEST, LATEST, PINNED, ROLLBACK;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether the mode follows new checkpoints by itself (needs no version). */
        public boolean follows() {
            return this == BEST || this == LATEST;
        }

        /**
         * @throws IllegalArgumentException naming the valid modes
         */
        public static Mode parse(String text) {
            if (text != null) {
                for (Mode m : values()) {
                    if (m.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                        return m;
                    }
                }
            }
            throw new IllegalArgumentException("unknown mode " + (text == null ? "null" : "'" + abbreviate(text) + "'")
                    + "; use best, latest, pinned or rollback");
        }
    }

    public VersionPolicy {
        if (mode == null) {
            throw new IllegalArgumentException("mode is required: best, latest, pinned or rollback");
        }
        if (mode.follows() && version != null) {
            throw new IllegalArgumentException("mode " + mode.label() + " takes no version");
        }
        if (!mode.follows() && (version == null || version.isBlank())) {
            throw new IllegalArgumentException("mode " + mode.label() + " needs a version (runId@version)");
        }
    }

    public static VersionPolicy best() {
        return new VersionPolicy(Mode.BEST, null);
    }

    public static VersionPolicy latest() {
        return new VersionPolicy(Mode.LATEST, null);
    }

    public static VersionPolicy pinned(String version) {
        return new VersionPolicy(Mode.PINNED, version);
    }

    public static VersionPolicy rolledBackTo(String version) {
        return new VersionPolicy(Mode.ROLLBACK, version);
    }

    /** The policy a fleet record sets (the contract's modes are these, by name). */
    public static VersionPolicy of(PolicyChange change) {
        return new VersionPolicy(Mode.valueOf(change.mode().name()), change.version());
    }

    /** The fleet record of this policy. */
    public PolicyChange change(String user, java.time.Instant at) {
        return new PolicyChange(dev.digitgan.model.events.Event.SCHEMA_VERSION,
                PolicyChange.Mode.valueOf(mode.name()), version, user, at);
    }

    /**
     * The policy a sampler starts with ({@code digitgan.sampler.policy}): one that follows checkpoints by itself.
     *
     * @throws IllegalArgumentException for anything but best or latest
     */
    public static VersionPolicy initial(String mode) {
        Mode m = Mode.parse(mode);
        if (!m.follows()) {
            throw new IllegalArgumentException("digitgan.sampler.policy must be best or latest, got '"
                    + abbreviate(mode) + "' (pin or roll back at run time with PUT /models/policy)");
        }
        return new VersionPolicy(m, null);
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
