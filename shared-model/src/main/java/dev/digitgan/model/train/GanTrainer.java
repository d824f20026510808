package dev.digitgan.model.train;

import dev.digitgan.model.nets.GanModel;
import dev.digitgan.model.spec.GanSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One GAN training step on a {@link GanModel}: a D step on real + generated images (targets from
 * {@link GanLabels}), then a G step through the stacked network with D frozen. G and D share the stacked network's
 * parameter array (see {@link dev.digitgan.model.nets.GanNetworks}), so D's update is visible to the G step with
 * no copying.
 *
 * <p>Step {@code k} draws its z vectors and dropout masks from seeds derived from (spec seed, k): the same step
 * index on the same weights always does the same thing, which makes runs reproducible and resumable.
 *
 * <p>Not thread-safe (DL4J networks are not). It sets the calling thread's ND4J random seed on every step.
 */
public final class GanTrainer {

    private final GanModel model;
    private final LatentSource latent;
    private final DiscriminatorProbe discriminatorProbe = new DiscriminatorProbe();
    private final DiscriminatorProbe stackedProbe = new DiscriminatorProbe();

    /** Reused per batch size: [real; fake] rows for D, and the constant targets. */
    private int bufferRows = -1;
    private INDArray discriminatorInput;
    private INDArray discriminatorTargets;
    private INDArray generatorTargets;

    public GanTrainer(GanModel model) {
        this.model = model;
        this.latent = new LatentSource(model.spec().latentSize(), model.spec().seed());
        attach(model.discriminator(), discriminatorProbe);
        attach(model.stacked(), stackedProbe);
    }

    /** One trainer per model at a time: a new trainer replaces an earlier one's probe instead of adding to it. */
    private static void attach(MultiLayerNetwork network, DiscriminatorProbe probe) {
        List<TrainingListener> listeners = new ArrayList<>(network.getListeners());
        listeners.removeIf(DiscriminatorProbe.class::isInstance);
        listeners.add(probe);
        network.setListeners(listeners);
    }

    public GanModel model() {
        return model;
    }

    /**
     * Trains on one batch of real images.
     *
     * @param real      {@code [n, 784]} images in [-1, 1]
     * @param stepIndex the run-wide index of this step (0-based); selects z and dropout masks
     */
    public StepResult step(INDArray real, long stepIndex) {
        if (real.rank() != 2 || real.columns() != GanSpec.IMAGE_PIXELS || real.rows() == 0) {
            throw new IllegalArgumentException("real batch must be [n > 0, " + GanSpec.IMAGE_PIXELS + "], got "
                    + Arrays.toString(real.shape()));
        }
        int n = (int) real.rows();
        float[] p = discriminatorStep(real, stepIndex);
        float[] pReal = Arrays.copyOfRange(p, 0, n);
        float[] pFake = Arrays.copyOfRange(p, n, 2 * n);
        float[] pGenerated = generatorStep(n, stepIndex);
        return new StepResult(GanLosses.discriminator(pReal, pFake), GanLosses.generator(pGenerated),
                GanLosses.mean(pReal), GanLosses.mean(pFake));
    }

    /**
     * D step: fakes from G in training mode (batch-norm batch statistics, as in the G step), then one D update on
     * [real; fake]. Returns D's probabilities for those rows as the update saw them.
     */
    float[] discriminatorStep(INDArray real, long stepIndex) {
        int n = (int) real.rows();
        ensureBuffers(n);
        Nd4j.getRandom().setSeed(SeedMix.of(model.spec().seed(), SeedMix.DROPOUT, stepIndex));
        INDArray fake = model.generator().output(latent.sampleArray(2 * stepIndex, n), true);
        rows(discriminatorInput, 0, n).assign(real);
        rows(discriminatorInput, n, 2 * n).assign(fake.reshape('c', new long[] {n, GanSpec.IMAGE_PIXELS}));
        model.discriminator().fit(discriminatorInput, discriminatorTargets);
        return discriminatorProbe.take();
    }

    /**
     * G step: fresh z through G and the frozen D (which already has this step's D update), target "real".
     * Returns D(G(z)) as the update saw it.
     */
    float[] generatorStep(int n, long stepIndex) {
        ensureBuffers(n);
        Nd4j.getRandom().setSeed(SeedMix.of(model.spec().seed(), SeedMix.DROPOUT, ~stepIndex));
        model.stacked().fit(latent.sampleArray(2 * stepIndex + 1, n), generatorTargets);
        return stackedProbe.take();
    }

    private void ensureBuffers(int n) {
        if (n == bufferRows) {
            return;
        }
        discriminatorInput = Nd4j.create(DataType.FLOAT, 2L * n, GanSpec.IMAGE_PIXELS);
        discriminatorTargets = GanLabels.discriminatorTargets(n, n);
        generatorTargets = GanLabels.generatorTargets(n);
        bufferRows = n;
    }

    private static INDArray rows(INDArray array, long from, long to) {
        return array.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }
}
