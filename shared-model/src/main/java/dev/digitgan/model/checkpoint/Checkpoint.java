package dev.digitgan.model.checkpoint;

import dev.digitgan.model.nets.GanModel;
import dev.digitgan.model.nets.GanNetworks;
import java.util.Objects;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A snapshot of a GAN: the served G for sampling (the weight average if the spec keeps one), D and the stacked
 * network with their optimiser (Adam) state and iteration counts for resuming. The networks are independent
 * copies, not views of a model that keeps training.
 */
public record Checkpoint(CheckpointManifest manifest, MultiLayerNetwork generator, MultiLayerNetwork discriminator,
        MultiLayerNetwork stacked) {

    public Checkpoint {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(discriminator, "discriminator");
        Objects.requireNonNull(stacked, "stacked");
    }

    /** Copies the model's weights and optimiser state; the model can keep training while this is written. */
    public static Checkpoint snapshot(GanModel model, CheckpointManifest manifest) {
        if (!model.spec().equals(manifest.spec())) {
            throw new IllegalArgumentException("manifest spec " + manifest.spec() + " is not the model's "
                    + model.spec());
        }
        return new Checkpoint(manifest, model.servedGenerator().clone(), model.discriminator().clone(),
                model.stacked().clone());
    }

    /**
     * A new model to continue training from this snapshot: G and D bound to a copy of the stacked network (as
     * {@link GanNetworks#create} does), D's Adam state and iteration count restored.
     *
     * @throws IllegalStateException if D's weights are not the stacked network's D part (an inconsistent snapshot)
     */
    public GanModel toModel() {
        MultiLayerNetwork stackedCopy = stacked.clone();
        GanModel model = GanNetworks.bind(manifest.spec(), stackedCopy, generator.getLayerWiseConfigurations(),
                discriminator.getLayerWiseConfigurations(), generator.params());
        // with a weight average the served generator is the average, not the G inside the stacked network
        boolean generatorIsTrained = manifest.spec().emaDecay() == 0;
        if (!model.discriminator().params().equals(discriminator.params())
                || generatorIsTrained && !model.generator().params().equals(generator.params())) {
            throw new IllegalStateException("checkpoint " + manifest.runId() + "@" + manifest.version()
                    + " is inconsistent: G or D weights differ from the stacked network's");
        }
        Updater source = discriminator.getUpdater();
        INDArray state = source == null ? null : source.getStateViewArray();
        if (state != null) {
            model.discriminator().getUpdater().setStateViewArray(model.discriminator(), state.dup(), false);
        }
        return model;
    }
}
