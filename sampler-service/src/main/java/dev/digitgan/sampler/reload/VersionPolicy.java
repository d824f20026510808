package dev.digitgan.sampler.reload;

import java.util.Locale;

/**
 * Which version the sampler serves.
 * <ul>
 *   <li>{@code latest}: the newest loadable checkpoint (default);</li>
 *   <li>{@code pinned}: exactly {@code version}, whatever arrives later;</li>
 *   <li>{@code rollback}: the model served before the current one; once resolved it stays on that
 *       version ({@code version} names it) like a pin, until the policy is set again.</li>
 * </ul>
 *
 * @param version the pinned or rolled-back-to model ({@code runId@version}); null for latest
 */
public record VersionPolicy(Mode mode, String version) {

    public enum Mode {
        LATEST, PINNED, ROLLBACK;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
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
                    + "; use latest, pinned or rollback");
        }
    }

    public VersionPolicy {
        if (mode == null) {
            throw new IllegalArgumentException("mode is required: latest, pinned or rollback");
        }
        if (mode == Mode.LATEST && version != null) {
            throw new IllegalArgumentException("mode latest takes no version");
        }
        if (mode != Mode.LATEST && (version == null || version.isBlank())) {
            throw new IllegalArgumentException("mode " + mode.label() + " needs a version (runId@version)");
        }
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

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
