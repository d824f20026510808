package dev.digitgan.model.nets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.spec.Presets;
import dev.digitgan.model.train.Labels;
import dev.digitgan.model.train.LatentSource;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The workspace path gives DL4J's detached output, call after call, for growing and shrinking batches. */
class GeneratorOutputTest {

    @Test
    void sameImagesAsDl4jsDetachedOutputForEveryBatchSizeInTurn() {
        for (String preset : new String[] {Presets.MLP, Presets.CDCGAN}) {
            GanSpec spec = Presets.byName(preset);
            MultiLayerNetwork generator = GanNetworks.generator(spec);
            float[] previous = null;
            INDArray previousInput = null;
            for (int n : new int[] {3, 64, 1, 17, 64}) {
                float[] z = new LatentSource(spec.latentSize(), n).sample(0, n);
                INDArray input = Labels.generatorInput(z, spec.classes() > 0 ? Labels.cycle(n, spec.classes()) : null,
                        n, spec.latentSize(), spec.classes());
                float[] images = GeneratorOutput.images(generator, input);
                float[] expected = generator.output(input, false).dup('c').data().asFloat();
                assertThat(images).as("%s, %d images", preset, n).containsExactly(expected);
                if (previous != null) {
                    // a copy: the next call's reuse of the workspace leaves the last result alone
                    assertThat(previous).containsExactly(generator.output(previousInput, false).dup('c').data()
                            .asFloat());
                }
                previous = images;
                previousInput = input;
            }
            assertThat(Nd4j.getWorkspaceManager().checkIfWorkspaceExists(GeneratorOutput.WORKSPACE)).isTrue();
            assertThat(Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(GeneratorOutput.WORKSPACE)
                    .isScopeActive()).as("closed after the call").isFalse();
        }
    }
}
