package dev.digitgan.sampler.reload;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link LoadJournal} in memory: one instance shared by two coordinators is a restart with its state folder. */
final class MemoryJournal implements LoadJournal {

    final Map<String, String> rejected = new ConcurrentHashMap<>();
    final Map<String, Integer> loading = new ConcurrentHashMap<>();

    @Override
    public Optional<String> rejection(String sha256) {
        return Optional.ofNullable(rejected.get(sha256));
    }

    @Override
    public void rememberRejection(String sha256, String modelVersion, String reason) {
        rejected.put(sha256, reason);
    }

    @Override
    public int unfinishedLoads(String sha256) {
        return loading.getOrDefault(sha256, 0);
    }

    @Override
    public void loadStarted(String sha256) {
        loading.merge(sha256, 1, Integer::sum);
    }

    @Override
    public void loadFinished(String sha256) {
        loading.remove(sha256);
    }
}
