package dev.digitgan.model.nets;

import dev.digitgan.model.spec.AdversarialLoss;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The loss of an AC-GAN discriminator's output layer (Odena et al., 2017): column 0 is the real/fake output, scored
 * with binary cross-entropy after a sigmoid or, for {@link AdversarialLoss#LEAST_SQUARES}, with (x − t)² on the plain
 * score; columns 1..K are class logits, scored with cross-entropy after a softmax. A target row is
 * {@code [t, onehot(label)]}; a row whose class part is all zero has no class term, so one layer serves both "real
 * or fake" and "which digit".
 *
 * <p>The output layer's activation must be identity: the sigmoid and the softmax are applied here, on different
 * columns, in their numerically stable forms (softplus, log-sum-exp). Gradients are per example, not divided by the
 * batch size, like DL4J's own losses (the updater divides).
 */
public final class AuxiliaryClassifierLoss implements ILossFunction {

    private static final long serialVersionUID = 2L;

    private final AdversarialLoss adversarial;

    /** @param adversarial how column 0 (real or generated) is scored */
    @JsonCreator
    public AuxiliaryClassifierLoss(@JsonProperty("adversarial") AdversarialLoss adversarial) {
        this.adversarial = java.util.Objects.requireNonNull(adversarial, "adversarial");
    }

    @JsonProperty("adversarial")
    public AdversarialLoss adversarial() {
        return adversarial;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn,
            INDArray mask) {
        Rows rows = Rows.of(adversarial, labels, preOutput, activationFn, mask);
        float[] scores = new float[rows.n];
        for (int i = 0; i < rows.n; i++) {
            scores[i] = (float) rows.score(i);
        }
        return Nd4j.create(scores, new long[] {rows.n, 1}, 'c');
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
            boolean average) {
        Rows rows = Rows.of(adversarial, labels, preOutput, activationFn, mask);
        return rows.sum() / (average ? rows.n : 1);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return gradient(Rows.of(adversarial, labels, preOutput, activationFn, mask), preOutput);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
            IActivation activationFn, INDArray mask, boolean average) {
        Rows rows = Rows.of(adversarial, labels, preOutput, activationFn, mask);
        return new Pair<>(rows.sum() / (average ? rows.n : 1), gradient(rows, preOutput));
    }

    private static INDArray gradient(Rows rows, INDArray preOutput) {
        return Nd4j.create(rows.gradient(), preOutput.shape(), 'c').castTo(preOutput.dataType());
    }

    @Override
    public String name() {
        return "AuxiliaryClassifierLoss(" + adversarial + ")";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuxiliaryClassifierLoss that && that.adversarial == adversarial;
    }

    @Override
    public int hashCode() {
        return adversarial.hashCode();
    }

    @Override
    public String toString() {
        return name();
    }

    /** Targets and logits copied out as row-major floats: [n, 1 + K] is tiny next to the layers before it. */
    private static final class Rows {
        final AdversarialLoss adversarial;
        final int n;
        final int width;
        final float[] t;
        final float[] x;
        final float[] m;

        private Rows(AdversarialLoss adversarial, int n, int width, float[] t, float[] x, float[] m) {
            this.adversarial = adversarial;
            this.n = n;
            this.width = width;
            this.t = t;
            this.x = x;
            this.m = m;
        }

        static Rows of(AdversarialLoss adversarial, INDArray labels, INDArray preOutput, IActivation activationFn,
                INDArray mask) {
            if (!(activationFn instanceof ActivationIdentity)) {
                throw new IllegalStateException("AuxiliaryClassifierLoss applies its own sigmoid and softmax; the"
                        + " output layer's activation must be identity, got " + activationFn);
            }
            if (preOutput.rank() != 2 || preOutput.columns() < 3 || !labels.equalShapes(preOutput)) {
                throw new IllegalArgumentException("need [n, 1 + K >= 3] logits and targets of the same shape, got "
                        + java.util.Arrays.toString(preOutput.shape()) + " and "
                        + java.util.Arrays.toString(labels.shape()));
            }
            int n = (int) preOutput.rows();
            float[] m = mask == null ? null : floats(mask);
            return new Rows(adversarial, n, (int) preOutput.columns(), floats(labels), floats(preOutput), m);
        }

        private static float[] floats(INDArray a) {
            return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
        }

        double sum() {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += score(i);
            }
            return sum;
        }

        double weight(int i) {
            return m == null ? 1 : m[i];
        }

        /** The adversarial score of column 0 plus, when the row names a class, cross-entropy of the rest. */
        double score(int i) {
            int o = i * width;
            double logit = x[o];
            double adversarialScore = adversarial == AdversarialLoss.LEAST_SQUARES
                    ? (logit - t[o]) * (logit - t[o])
                    // -t log σ(x) - (1 - t) log(1 - σ(x)) = softplus(x) - t x
                    : softplus(logit) - t[o] * logit;
            double classWeight = 0;
            double dot = 0;
            for (int k = 1; k < width; k++) {
                classWeight += t[o + k];
                dot += t[o + k] * x[o + k];
            }
            double classes = classWeight == 0 ? 0 : classWeight * logSumExp(o) - dot;
            return weight(i) * (adversarialScore + classes);
        }

        float[] gradient() {
            float[] g = new float[n * width];
            for (int i = 0; i < n; i++) {
                int o = i * width;
                double w = weight(i);
                g[o] = (float) (w * (adversarial == AdversarialLoss.LEAST_SQUARES
                        ? 2 * (x[o] - t[o])
                        : sigmoid(x[o]) - t[o]));
                double classWeight = 0;
                for (int k = 1; k < width; k++) {
                    classWeight += t[o + k];
                }
                if (classWeight == 0) {
                    continue;
                }
                double lse = logSumExp(o);
                for (int k = 1; k < width; k++) {
                    g[o + k] = (float) (w * (classWeight * Math.exp(x[o + k] - lse) - t[o + k]));
                }
            }
            return g;
        }

        private double logSumExp(int o) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 1; k < width; k++) {
                max = Math.max(max, x[o + k]);
            }
            double sum = 0;
            for (int k = 1; k < width; k++) {
                sum += Math.exp(x[o + k] - max);
            }
            return max + Math.log(sum);
        }

        private static double softplus(double v) {
            return v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
        }

        private static double sigmoid(double v) {
            return 1 / (1 + Math.exp(-v));
        }
    }
}
