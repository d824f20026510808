package dev.digitgan.sampler.reload;

import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.sampler.model.ModelInfo;

/**
 * A version the sampler has heard of, as listed by {@code GET /models}.
 *
 * @param rejected why it was refused (null while it is loadable)
 */
public record KnownVersion(ModelInfo info, CheckpointEvent event, String rejected) {

    public String modelVersion() {
        return info.modelVersion();
    }

    KnownVersion rejectedBecause(String reason) {
        return new KnownVersion(info, event, reason);
    }
}
