package dev.digitgan.sampler.reload;

import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.sampler.model.ModelInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Every checkpoint version seen on the topic, with its metadata, rebuilt from the topic on each start
 * (the sampler reads it from the beginning), so replicas need no shared store. "Newest" follows
 * docs/conventions.md: the greatest {@code createdAt} (then the greatest version, then run id, so the
 * order is total and every replica picks the same).
 */
@ApplicationScoped
public class VersionRegistry {

    static final Comparator<ModelInfo> NEWEST_INFO_FIRST = Comparator.comparing(ModelInfo::createdAt)
            .thenComparingLong(ModelInfo::version)
            .thenComparing(ModelInfo::runId)
            .reversed();
    static final Comparator<KnownVersion> NEWEST_FIRST = Comparator.comparing(KnownVersion::info, NEWEST_INFO_FIRST);

    private final ConcurrentMap<String, KnownVersion> byName = new ConcurrentHashMap<>();

    /**
     * Records an event. A re-published version (same name) replaces the old entry when its bytes differ
     * (a new SHA-256), which also clears an earlier rejection; a duplicate is ignored.
     *
     * @return true when something changed
     */
    public boolean record(CheckpointEvent event) {
        KnownVersion fresh = new KnownVersion(ModelInfo.of(event), event, null);
        KnownVersion before = byName.compute(event.modelVersion(), (name, old) ->
                old == null || !old.event().sha256().equals(event.sha256()) ? fresh : old);
        return before == fresh;
    }

    public Optional<KnownVersion> find(String modelVersion) {
        return Optional.ofNullable(byName.get(modelVersion));
    }

    /** The newest version not rejected. */
    public Optional<KnownVersion> newestLoadable() {
        return byName.values().stream().filter(k -> k.rejected() == null).min(NEWEST_FIRST);
    }

    /** Marks a version as refused so that "latest" skips it until it is re-published with other bytes. */
    public void reject(String modelVersion, String reason) {
        byName.computeIfPresent(modelVersion, (name, old) -> old.rejectedBecause(reason));
    }

    /** All versions, newest first. */
    public List<KnownVersion> all() {
        return byName.values().stream().sorted(NEWEST_FIRST).toList();
    }

    public int size() {
        return byName.size();
    }
}
