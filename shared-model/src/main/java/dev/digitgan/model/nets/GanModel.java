package dev.digitgan.model.nets;

import dev.digitgan.model.spec.GanSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The networks of one GAN. When built by {@link GanNetworks#create} or {@link GanNetworks#bind}, G's and D's
 * parameters are views of the stacked network's flat parameter array: a D step is immediately visible to the
 * stacked network and a G step (through the stacked network) to G.
 *
 * <p>{@code average} is the exponential moving average of G's weights when the spec asks for one
 * ({@link GanSpec#emaDecay()} > 0), with parameters of its own; otherwise null. It is what checkpoints serve
 * ({@link #servedGenerator()}): averaging the weights of the last few thousand steps smooths out the oscillation
 * of adversarial training (Yazıcı et al., 2019).
 *
 * <p>Not thread-safe: DL4J networks keep per-call state. Use one model per thread.
 */
public record GanModel(GanSpec spec, MultiLayerNetwork generator, MultiLayerNetwork discriminator,
        MultiLayerNetwork stacked, MultiLayerNetwork average) {

    public GanModel {
        if ((spec.emaDecay() > 0) != (average != null)) {
            throw new IllegalArgumentException("a weight average belongs to a spec with emaDecay > 0 (here "
                    + spec.emaDecay() + "), and such a spec needs one");
        }
    }

    /** Index of D's first layer inside the stacked network. */
    public int discriminatorOffset() {
        return generator.getnLayers();
    }

    /** The generator that samples and checkpoints use: the weight average if there is one, else G. */
    public MultiLayerNetwork servedGenerator() {
        return average != null ? average : generator;
    }
}
