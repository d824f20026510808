package dev.digitgan.model.nets;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What the layer tests compare a project layer with its DL4J original by: a network's gradient, near-equality. */
final class GradientChecks {

    private GradientChecks() {
    }

    static Gradient gradient(MultiLayerNetwork net, INDArray input, INDArray labels) {
        net.setInput(input);
        net.setLabels(labels);
        net.computeGradientAndScore();
        return net.gradient();
    }

    /** Equal to 1e-6 and not trivially zero. */
    static void assertClose(INDArray actual, INDArray expected, String what) {
        assertThat(actual.shape()).as(what).containsExactly(expected.shape());
        assertThat(actual.sub(expected).amaxNumber().doubleValue()).as(what + " max |diff|").isLessThan(1e-6);
        assertThat(expected.amaxNumber().doubleValue()).as(what + " not trivially zero").isGreaterThan(1e-4);
    }
}
