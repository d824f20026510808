package dev.digitgan.sampler.reload;

import java.util.Optional;

/**
 * What this replica remembers across restarts about checkpoint bytes (keyed by their SHA-256): which were refused,
 * and which loads started but never finished because the process died during them. The version list itself is
 * rebuilt from the topic on every start; without this, a restart would try a refused version again, and a version
 * whose load kills the process would be tried on every start of every replica: a crash loop.
 *
 * <p>Implementations never throw: a journal that cannot be written only forgets, it must not stop a load.
 */
public interface LoadJournal {

    /** Why these bytes were refused by an earlier load, if one did. */
    Optional<String> rejection(String sha256);

    void rememberRejection(String sha256, String modelVersion, String reason);

    /** Loads of these bytes that started and never finished (the process died during them). */
    int unfinishedLoads(String sha256);

    /** Counts a load as started; {@link #loadFinished} takes it back when it ends, with any result. */
    void loadStarted(String sha256);

    void loadFinished(String sha256);
}
