package dev.digitgan.sampler.api;

import dev.digitgan.sampler.model.GeneratorHolder;
import dev.digitgan.sampler.model.LoadedModel;
import dev.digitgan.sampler.model.ShippedModel;
import dev.digitgan.sampler.reload.ReloadCoordinator;
import dev.digitgan.sampler.reload.VersionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Puts together the model listing that HTTP ({@code GET /models}) and gRPC ({@code ListModels}) return. */
@ApplicationScoped
public class ModelCatalog {

    private final VersionRegistry registry;
    private final GeneratorHolder holder;
    private final ReloadCoordinator coordinator;
    private final ShippedModel shipped;

    public ModelCatalog(VersionRegistry registry, GeneratorHolder holder, ReloadCoordinator coordinator,
                        ShippedModel shipped) {
        this.registry = registry;
        this.holder = holder;
        this.coordinator = coordinator;
        this.shipped = shipped;
    }

    /** Checkpoint versions newest first, then the shipped model (always the oldest). */
    public ModelListing listing() {
        String serving = holder.current().map(LoadedModel::modelVersion).orElse(null);
        List<ModelListing.Entry> entries = new ArrayList<>();
        registry.all().forEach(k -> entries.add(new ModelListing.Entry(k.info(),
                k.modelVersion().equals(serving), k.rejected())));
        if (shipped.present()) {
            entries.add(new ModelListing.Entry(shipped.info(), shipped.is(serving), null));
        }
        return new ModelListing(coordinator.state(), holder.current().map(LoadedModel::info).orElse(null), entries);
    }
}
