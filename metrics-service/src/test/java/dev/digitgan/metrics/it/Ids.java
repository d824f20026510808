package dev.digitgan.metrics.it;

import java.util.concurrent.ThreadLocalRandom;

/** Run-id suffixes unique per test JVM. */
final class Ids {

    private static final String SUFFIX =
            Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36), 36);

    static String unique() {
        return SUFFIX;
    }

    private Ids() {
    }
}
