package dev.digitgan.sampler.api;

import dev.digitgan.sampler.model.ModelInfo;
import dev.digitgan.sampler.reload.PolicyState;
import java.util.List;

/**
 * {@code GET /models}: the policy, the model served, and every version known (newest first) with its
 * training metadata.
 */
public record ModelListing(PolicyState policy, ModelInfo serving, List<Entry> versions) {

    /** @param rejected why the sampler refused this version, null if it did not */
    public record Entry(ModelInfo model, boolean serving, String rejected) {
    }
}
