package dev.digitgan.model.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The one place that says which target means what. D's sigmoid output is the probability that an image is real:
 * real images are labelled {@link #REAL} (1), generated ones {@link #FAKE} (0). G is trained with the
 * non-saturating loss, i.e. towards D calling its images real: {@link #GENERATOR_TARGET} = {@link #REAL}.
 * (The first public DL4J GAN example had these backwards; {@code GanLabelsTest} pins them.)
 */
public final class GanLabels {

    public static final float REAL = 1f;
    public static final float FAKE = 0f;
    public static final float GENERATOR_TARGET = REAL;

    private GanLabels() {
    }

    /** D's targets for a batch laid out as {@code real} real rows followed by {@code fake} generated rows. */
    public static INDArray discriminatorTargets(int real, int fake) {
        return discriminatorTargets(real, fake, REAL);
    }

    /** D's real target with one-sided label smoothing {@code s}: {@code 1 - s} (fakes stay {@link #FAKE}). */
    public static float realTarget(double smoothing) {
        return (float) (REAL - smoothing);
    }

    /** As {@link #discriminatorTargets(int, int)} with real rows labelled {@code realTarget}. */
    public static INDArray discriminatorTargets(int real, int fake, float realTarget) {
        if (real < 0 || fake < 0 || real + fake == 0) {
            throw new IllegalArgumentException("need real >= 0, fake >= 0 and at least one row, got " + real + "/"
                    + fake);
        }
        INDArray targets = Nd4j.create(DataType.FLOAT, real + fake, 1);
        if (real > 0) {
            targets.get(NDArrayIndex.interval(0, real), NDArrayIndex.all()).assign(realTarget);
        }
        if (fake > 0) {
            targets.get(NDArrayIndex.interval(real, real + fake), NDArrayIndex.all()).assign(FAKE);
        }
        return targets;
    }

    /** The stacked network's targets for {@code n} generated rows. */
    public static INDArray generatorTargets(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("need at least one row, got " + n);
        }
        return Nd4j.create(DataType.FLOAT, n, 1).assign(GENERATOR_TARGET);
    }
}
