package dev.digitgan.model.train;

import dev.digitgan.model.nets.GanModel;
import dev.digitgan.model.spec.AdversarialLoss;
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
 * <p>A conditional model (AC-GAN, {@link GanSpec#conditional()}) trains on the real images' digits and on seeded
 * uniform labels for the generated ones; a spec with {@link GanSpec#emaDecay()} > 0 updates G's weight average
 * after every G step.
 *
 * <p>Not thread-safe (DL4J networks are not). It sets the calling thread's ND4J random seed on every step.
 */
public final class GanTrainer {

    private final GanModel model;
    private final LatentSource latent;
    private final DiscriminatorProbe discriminatorProbe;
    private final DiscriminatorProbe stackedProbe;

    /** Reused per batch size: [real; fake] rows for D, and the constant targets. */
    private int bufferRows = -1;
    private INDArray discriminatorInput;
    private INDArray discriminatorTargets;
    private INDArray generatorTargets;

    public GanTrainer(GanModel model) {
        this.model = model;
        this.latent = new LatentSource(model.spec().latentSize(), model.spec().seed());
        this.discriminatorProbe = new DiscriminatorProbe(model.spec().loss());
        this.stackedProbe = new DiscriminatorProbe(model.spec().loss());
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
        return step(real, null, stepIndex);
    }

    /**
     * Trains on one batch of real images and their digits (needed by a conditional model, ignored otherwise).
     *
     * @param realLabels one digit per row of {@code real}; may be null for an unconditional model
     */
    public StepResult step(INDArray real, int[] realLabels, long stepIndex) {
        if (real.rank() != 2 || real.columns() != GanSpec.IMAGE_PIXELS || real.rows() == 0) {
            throw new IllegalArgumentException("real batch must be [n > 0, " + GanSpec.IMAGE_PIXELS + "], got "
                    + Arrays.toString(real.shape()));
        }
        int n = (int) real.rows();
        if (conditional() && (realLabels == null || realLabels.length != n)) {
            throw new IllegalArgumentException("a conditional model trains on labelled images: need " + n
                    + " labels, got " + (realLabels == null ? "none" : realLabels.length));
        }
        float[] p = discriminatorStep(real, realLabels, stepIndex);
        float[] pReal = Arrays.copyOfRange(p, 0, n);
        float[] pFake = Arrays.copyOfRange(p, n, 2 * n);
        float[] pGenerated = generatorStep(n, stepIndex);
        updateAverage(stepIndex);
        AdversarialLoss loss = model.spec().loss();
        return new StepResult(GanLosses.discriminator(loss, pReal, pFake), GanLosses.generator(loss, pGenerated),
                GanLosses.mean(pReal), GanLosses.mean(pFake));
    }

    private boolean conditional() {
        return model.spec().conditional();
    }

    /** Labels of draw {@code draw}: seeded uniform digits for a conditional model, null for an unconditional one. */
    private int[] fakeLabels(long draw, int n) {
        return conditional() ? Labels.draw(model.spec().seed(), draw, n, model.spec().classes()) : null;
    }

    /** G's input for draw {@code draw}: its z, followed by the one-hot {@code labels} of a conditional model. */
    private INDArray generatorInput(long draw, int n, int[] labels) {
        GanSpec spec = model.spec();
        return Labels.generatorInput(latent.sample(draw, n), labels, n, spec.latentSize(), spec.classes());
    }

    /**
     * Moves the weight average towards G: {@code avg = d avg + (1 - d) G}, with {@code d} ramped up as
     * {@code min(decay, (1 + k) / (10 + k))} so that the random initial weights are forgotten within the first
     * steps rather than after {@code 1 / (1 - decay)} of them.
     */
    private void updateAverage(long stepIndex) {
        MultiLayerNetwork average = model.average();
        if (average == null) {
            return;
        }
        double decay = Math.min(model.spec().emaDecay(), (1.0 + stepIndex) / (10.0 + stepIndex));
        WeightBlend.blend(average.params(), model.generator().params(), decay);
    }

    /**
     * D step: fakes from G in training mode (batch-norm batch statistics, as in the G step), then one D update on
     * [real; fake]. Returns D's probabilities for those rows as the update saw them.
     */
    float[] discriminatorStep(INDArray real, long stepIndex) {
        return discriminatorStep(real, null, stepIndex);
    }

    float[] discriminatorStep(INDArray real, int[] realLabels, long stepIndex) {
        int n = (int) real.rows();
        ensureBuffers(n);
        Nd4j.getRandom().setSeed(SeedMix.of(model.spec().seed(), SeedMix.DROPOUT, stepIndex));
        int[] fakeLabels = fakeLabels(2 * stepIndex, n);
        INDArray fake = model.generator().output(generatorInput(2 * stepIndex, n, fakeLabels), true);
        rows(discriminatorInput, 0, n).assign(real);
        rows(discriminatorInput, n, 2 * n).assign(fake.reshape('c', new long[] {n, GanSpec.IMAGE_PIXELS}));
        // AC-GAN: D learns the digit of real and of generated images (Odena et al.), besides real vs. generated
        INDArray targets = !conditional() ? discriminatorTargets
                : Labels.targets(model.spec().classes(),
                        new float[] {GanLabels.realTarget(model.spec().labelSmoothing()), GanLabels.FAKE},
                        realLabels, fakeLabels);
        model.discriminator().fit(discriminatorInput, targets);
        return discriminatorProbe.take();
    }

    /**
     * G step: fresh z through G and the frozen D (which already has this step's D update), target "real".
     * Returns D(G(z)) as the update saw it.
     */
    float[] generatorStep(int n, long stepIndex) {
        ensureBuffers(n);
        Nd4j.getRandom().setSeed(SeedMix.of(model.spec().seed(), SeedMix.DROPOUT, ~stepIndex));
        int[] labels = fakeLabels(2 * stepIndex + 1, n);
        INDArray input = generatorInput(2 * stepIndex + 1, n, labels);
        INDArray targets = !conditional() ? generatorTargets
                : Labels.targets(model.spec().classes(), new float[] {GanLabels.GENERATOR_TARGET}, labels);
        model.stacked().fit(input, targets);
        return stackedProbe.take();
    }

    private void ensureBuffers(int n) {
        if (n == bufferRows) {
            return;
        }
        discriminatorInput = Nd4j.create(DataType.FLOAT, 2L * n, GanSpec.IMAGE_PIXELS);
        discriminatorTargets = GanLabels.discriminatorTargets(n, n,
                GanLabels.realTarget(model.spec().labelSmoothing()));
        generatorTargets = GanLabels.generatorTargets(n);
        bufferRows = n;
    }

    private static INDArray rows(INDArray array, long from, long to) {
        return array.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }
}
