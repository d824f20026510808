package dev.digitgan.model.nets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.digitgan.model.spec.AdversarialLoss;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AuxiliaryClassifierLossTest {

    private final AuxiliaryClassifierLoss loss = new AuxiliaryClassifierLoss(AdversarialLoss.CROSS_ENTROPY);
    private final AuxiliaryClassifierLoss leastSquares = new AuxiliaryClassifierLoss(AdversarialLoss.LEAST_SQUARES);
    private final ActivationIdentity identity = new ActivationIdentity();

    /** Two rows of [realness, 3 classes]: a real "class 2" and a fake without a class. */
    private final INDArray targets = Nd4j.create(new float[][] {{1, 0, 0, 1}, {0, 0, 0, 0}});
    private final INDArray logits = Nd4j.create(new float[][] {{0.5f, 1f, -1f, 2f}, {-0.3f, 4f, 0f, 0f}});

    @Test
    void scoreIsBinaryCrossEntropyPlusClassCrossEntropy() {
        double bceReal = -Math.log(sigmoid(0.5));
        double ceClass2 = -Math.log(Math.exp(2) / (Math.exp(1) + Math.exp(-1) + Math.exp(2)));
        double bceFake = -Math.log(1 - sigmoid(-0.3));
        INDArray perRow = loss.computeScoreArray(targets, logits, identity, null);
        assertThat(perRow.getDouble(0, 0)).isCloseTo(bceReal + ceClass2, within(1e-5));
        assertThat(perRow.getDouble(1, 0)).as("no class term without a class").isCloseTo(bceFake, within(1e-5));
        assertThat(loss.computeScore(targets, logits, identity, null, true))
                .isCloseTo((bceReal + ceClass2 + bceFake) / 2, within(1e-5));
    }

    @Test
    void leastSquaresScoresColumnZeroBySquaredErrorAndKeepsTheClassTerm() {
        double ceClass2 = -Math.log(Math.exp(2) / (Math.exp(1) + Math.exp(-1) + Math.exp(2)));
        INDArray perRow = leastSquares.computeScoreArray(targets, logits, identity, null);
        assertThat(perRow.getDouble(0, 0)).isCloseTo((0.5 - 1) * (0.5 - 1) + ceClass2, within(1e-5));
        assertThat(perRow.getDouble(1, 0)).isCloseTo(0.3 * 0.3, within(1e-6));
        assertThat(leastSquares.computeGradient(targets, logits, identity, null).getDouble(0, 0))
                .isCloseTo(2 * (0.5 - 1), within(1e-6));
        assertThat(leastSquares).isNotEqualTo(loss)
                .isEqualTo(new AuxiliaryClassifierLoss(AdversarialLoss.LEAST_SQUARES));
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        gradientMatchesFiniteDifferences(loss);
        gradientMatchesFiniteDifferences(leastSquares);
    }

    private void gradientMatchesFiniteDifferences(AuxiliaryClassifierLoss loss) {
        INDArray gradient = loss.computeGradient(targets, logits, identity, null);
        double h = 1e-3;
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 4; c++) {
                INDArray plus = logits.dup();
                plus.putScalar(r, c, logits.getDouble(r, c) + h);
                INDArray minus = logits.dup();
                minus.putScalar(r, c, logits.getDouble(r, c) - h);
                double numeric = (loss.computeScore(targets, plus, identity, null, false)
                        - loss.computeScore(targets, minus, identity, null, false)) / (2 * h);
                assertThat(gradient.getDouble(r, c)).as("d/dx[%d,%d]", r, c).isCloseTo(numeric, within(2e-3));
            }
        }
        assertThat(gradient.getDouble(1, 1)).as("a row without a class has no class gradient").isZero();
    }

    @Test
    void refusesAnActivationItWouldApplyTwice() {
        assertThatThrownBy(() -> loss.computeScore(targets, logits, new ActivationSigmoid(), null, true))
                .hasMessageContaining("identity");
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
