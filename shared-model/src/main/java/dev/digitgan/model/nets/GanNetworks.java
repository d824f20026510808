package dev.digitgan.model.nets;

import dev.digitgan.model.spec.GanSpec;
import java.util.List;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Builds D, G and the stacked G+D network of a {@link GanSpec}.
 *
 * <p>The stacked network is G's layers followed by D's layers wrapped in {@link FrozenLayerWithBackprop}: fitting
 * it with target "real" moves G only, while gradients still flow back through D. Layers without parameters
 * (dropout, activation, upsampling) are not wrapped; the wrapper would only switch them to inference mode, and the
 * seed's D used dropout in the G step too.
 *
 * <p>{@link #create(GanSpec)} goes one step further than copying D's parameters into the stacked network after each
 * D step: G and D are initialised on views of the stacked network's flat parameter array, so the three networks
 * share one copy of the weights and no synchronisation is needed at all.
 */
public final class GanNetworks {

    private static final double ADAM_BETA2 = 0.999;
    private static final double ADAM_EPSILON = 1e-8;

    private GanNetworks() {
    }

    /**
     * G+D with D frozen, G trained with G's learning rate; initialised from the spec's seed. With
     * {@link GanSpec#emaDecay()} > 0 the weight average starts as a copy of G.
     */
    public static GanModel create(GanSpec spec) {
        MultiLayerNetwork stacked = new MultiLayerNetwork(stackedConfiguration(spec));
        stacked.init();
        return bind(spec, stacked, generatorConfiguration(spec), discriminatorConfiguration(spec), null);
    }

    /**
     * Builds G and D on views of {@code stacked}'s parameters (used by {@link #create} and when resuming from a
     * checkpoint, where the configurations carry D's iteration count for Adam's bias correction).
     *
     * @param averageParams G's weight average to continue from (copied); null starts it as a copy of G. Ignored
     *                      when the spec keeps no average
     */
    public static GanModel bind(GanSpec spec, MultiLayerNetwork stacked, MultiLayerConfiguration generatorConf,
            MultiLayerConfiguration discriminatorConf, INDArray averageParams) {
        int generatorLayers = generatorConf.getConfs().size();
        int discriminatorLayers = discriminatorConf.getConfs().size();
        if (stacked.getnLayers() != generatorLayers + discriminatorLayers) {
            throw new IllegalArgumentException("stacked network has " + stacked.getnLayers() + " layers but G has "
                    + generatorLayers + " and D " + discriminatorLayers);
        }
        long generatorParams = 0;
        for (int i = 0; i < generatorLayers; i++) {
            generatorParams += stacked.getLayer(i).numParams();
        }
        INDArray flat = stacked.params();
        MultiLayerNetwork generator = new MultiLayerNetwork(generatorConf.clone());
        generator.init(flat.get(NDArrayIndex.all(), NDArrayIndex.interval(0, generatorParams)), false);
        MultiLayerNetwork discriminator = new MultiLayerNetwork(discriminatorConf.clone());
        discriminator.init(flat.get(NDArrayIndex.all(), NDArrayIndex.interval(generatorParams, flat.length())), false);
        if (generator.numParams() + discriminator.numParams() != stacked.numParams()) {
            throw new IllegalArgumentException("G (" + generator.numParams() + ") + D (" + discriminator.numParams()
                    + ") parameters do not add up to the stacked network's " + stacked.numParams());
        }
        MultiLayerNetwork average = null;
        if (spec.emaDecay() > 0) {
            average = new MultiLayerNetwork(generatorConf.clone());
            average.init((averageParams != null ? averageParams : generator.params()).dup(), false);
        }
        return new GanModel(spec, generator, discriminator, stacked, average);
    }

    /** A standalone, initialised G (own parameters); equal to the G part of {@link #create} for the same spec. */
    public static MultiLayerNetwork generator(GanSpec spec) {
        MultiLayerNetwork net = new MultiLayerNetwork(generatorConfiguration(spec));
        net.init();
        return net;
    }

    /** A standalone, initialised D (own parameters) with D's Adam. */
    public static MultiLayerNetwork discriminator(GanSpec spec) {
        MultiLayerNetwork net = new MultiLayerNetwork(discriminatorConfiguration(spec));
        net.init();
        return net;
    }

    public static MultiLayerConfiguration generatorConfiguration(GanSpec spec) {
        LayerStack g = ArchitectureLayers.of(spec).generator();
        NeuralNetConfiguration.ListBuilder list = base(spec, adam(spec.generatorLearningRate(), spec)).list();
        addAll(list, g, 0, false);
        return list.setInputType(InputType.feedForward(spec.generatorInputSize())).build();
    }

    public static MultiLayerConfiguration discriminatorConfiguration(GanSpec spec) {
        ArchitectureLayers layers = ArchitectureLayers.of(spec);
        NeuralNetConfiguration.ListBuilder list = base(spec, adam(spec.discriminatorLearningRate(), spec)).list();
        addAll(list, layers.discriminator(), 0, false);
        return list.setInputType(layers.discriminatorInput()).build();
    }

    public static MultiLayerConfiguration stackedConfiguration(GanSpec spec) {
        ArchitectureLayers layers = ArchitectureLayers.of(spec);
        LayerStack g = layers.generator();
        NeuralNetConfiguration.ListBuilder list = base(spec, adam(spec.generatorLearningRate(), spec)).list();
        addAll(list, g, 0, false);
        addAll(list, layers.discriminator(), g.size(), true);
        return list.setInputType(InputType.feedForward(spec.generatorInputSize())).build();
    }

    private static NeuralNetConfiguration.Builder base(GanSpec spec, IUpdater updater) {
        return new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(updater)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                // keeps each convolution's forward output for its backward pass (DL4J recomputes it otherwise)
                .cacheMode(CacheMode.DEVICE);
    }

    private static IUpdater adam(double learningRate, GanSpec spec) {
        return new FusedAdam(learningRate, spec.beta1(), ADAM_BETA2, ADAM_EPSILON);
    }

    /** DL4J's DropoutLayer config extends BaseLayer although it has no parameters. */
    private static boolean hasParameters(Layer layer) {
        return layer instanceof BaseLayer && !(layer instanceof DropoutLayer);
    }

    private static void addAll(NeuralNetConfiguration.ListBuilder list, LayerStack stack, int offset,
            boolean frozen) {
        List<Layer> layers = stack.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (layer instanceof ReducedBackprop reduced) {
                reduced.setInputGradientNeeded(offset + i > 0);
                reduced.setParametersFrozen(frozen);
            }
            if (frozen && hasParameters(layer)) {
                // The wrapper's runtime layer reports its inner layer's updater; without this the stacked network
                // would run Adam (and keep Adam state) over D's always-zero gradients every G step.
                ((BaseLayer) layer).setIUpdater(new NoOp());
                ((BaseLayer) layer).setBiasUpdater(new NoOp());
                layer = new FrozenLayerWithBackprop(layer);
            }
            list.layer(offset + i, layer);
        }
        stack.preProcessors().forEach((index, pre) -> list.inputPreProcessor(offset + index, pre));
    }
}
