package dev.digitgan.model.nets;

import dev.digitgan.model.spec.GanSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The three networks of one GAN. When built by {@link GanNetworks#create} or {@link GanNetworks#bind}, G's and D's
 * parameters are views of the stacked network's flat parameter array: a D step is immediately visible to the
 * stacked network and a G step (through the stacked network) to G.
 *
 * <p>Not thread-safe: DL4J networks keep per-call state. Use one model per thread.
 */
public record GanModel(GanSpec spec, MultiLayerNetwork generator, MultiLayerNetwork discriminator,
        MultiLayerNetwork stacked) {

    /** Index of D's first layer inside the stacked network. */
    public int discriminatorOffset() {
        return generator.getnLayers();
    }
}
