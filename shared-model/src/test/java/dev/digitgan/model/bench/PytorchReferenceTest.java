package dev.digitgan.model.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.mnist.RepoRoot;
import dev.digitgan.model.nets.AuxiliaryClassifierLoss;
import dev.digitgan.model.nets.GanNetworks;
import dev.digitgan.model.spec.Architecture;
import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.spec.Presets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * The PyTorch reference benchmark (scripts/bench/pytorch_gan.py) carries a copy of every preset and a description of
 * the networks DL4J builds for them, because it runs without Java; this keeps both equal to {@link Presets} and
 * {@link GanNetworks}: every field of every preset, and per layer of G and D its kind, output shape, parameter count
 * and settings (activation, kernel, stride, dropout, batch norm, loss). The script checks, before it measures, that
 * its torch modules match that description. Needs only python3: the script imports torch after answering
 * {@code --print-presets} and {@code --print-layers}.
 */
class PytorchReferenceTest {

    private static final Path SCRIPT = RepoRoot.find().resolve("scripts/bench/pytorch_gan.py");

    @Test
    void theReferenceScriptCopiesEveryFieldOfEveryPreset() throws Exception {
        JsonNode copies = new ObjectMapper().readTree(runScript("--print-presets"));
        ObjectMapper mapper = new EventCodec().mapper();
        for (String name : Presets.names()) {
            JsonNode spec = mapper.valueToTree(Presets.byName(name));
            JsonNode copy = copies.path(name);
            assertThat(copy.isObject()).as("preset %s in %s", name, SCRIPT).isTrue();
            // a new GanSpec field fails here until the reference copies it (and does what it says)
            assertThat(copy.fieldNames()).toIterable().as("%s: the fields of the copy", name)
                    .containsExactlyInAnyOrderElementsOf(() -> spec.fieldNames());
            spec.fields().forEachRemaining(field -> assertThat(sameValue(field.getValue(), copy.get(field.getKey())))
                    .as("%s.%s: Presets has %s, the script %s", name, field.getKey(), field.getValue(),
                            copy.get(field.getKey()))
                    .isTrue());
        }
        assertThat(copies.fieldNames()).toIterable().as("presets in %s", SCRIPT)
                .containsExactlyInAnyOrderElementsOf(Presets.names());
    }

    @Test
    void theReferenceScriptDescribesTheLayersAndParameterCountsOfEveryPresetsNetworks() throws Exception {
        JsonNode described = new ObjectMapper().readTree(runScript("--print-layers"));
        assertThat(described.fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(Presets.names());
        for (String name : Presets.names()) {
            GanSpec spec = Presets.byName(name);
            JsonNode copy = described.path(name);
            MultiLayerNetwork generator = GanNetworks.generator(spec);
            MultiLayerNetwork discriminator = GanNetworks.discriminator(spec);
            compare(name + " G", generator, InputType.feedForward(spec.generatorInputSize()), copy.path("generator"));
            compare(name + " D", discriminator, discriminatorInput(spec), copy.path("discriminator"));
            assertThat(copy.path("generatorParams").asLong()).as("%s G parameters", name)
                    .isEqualTo(generator.numParams());
            assertThat(copy.path("discriminatorParams").asLong()).as("%s D parameters", name)
                    .isEqualTo(discriminator.numParams());
        }
    }

    private static void compare(String network, MultiLayerNetwork net, InputType input, JsonNode layers) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        List<InputType> outputs = conf.getLayerActivationTypes(input);
        assertThat(layers.size()).as("%s: layers in the script", network).isEqualTo(net.getnLayers());
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer layer = conf.getConf(i).getLayer();
            JsonNode copy = layers.get(i);
            String at = network + " layer " + i + " (" + layer.getClass().getSimpleName() + ")";
            assertThat(copy.path("kind").asText()).as("%s kind", at).isEqualTo(kind(layer));
            assertThat(ints(copy.path("output"))).as("%s output shape", at).isEqualTo(shape(outputs.get(i)));
            assertThat(copy.path("params").asLong()).as("%s parameters", at).isEqualTo(net.getLayer(i).numParams());
            String activation = activationOf(layer);
            if (activation != null) {
                assertThat(activation(copy.path("activation").asText())).as("%s activation", at).isEqualTo(activation);
            }
            if (layer instanceof ConvolutionLayer conv) {
                assertThat(conv.getConvolutionMode()).as("%s mode", at).isEqualTo(ConvolutionMode.Same);
                assertThat(conv.getKernelSize()).as("%s kernel", at)
                        .containsExactly(copy.path("kernel").asInt(), copy.path("kernel").asInt());
                assertThat(conv.getStride()).as("%s stride", at)
                        .containsExactly(copy.path("stride").asInt(), copy.path("stride").asInt());
                assertThat(conv.hasBias()).as("%s bias", at).isTrue();
            }
            if (layer instanceof DropoutLayer dropout) {
                assertThat(((Dropout) dropout.getIDropout()).getP()).as("%s keep", at)
                        .isEqualTo(copy.path("keep").asDouble());
            }
            if (layer instanceof BatchNormalization norm) {
                assertThat(norm.getEps()).as("%s eps", at).isEqualTo(copy.path("eps").asDouble());
                assertThat(norm.getDecay()).as("%s decay", at).isEqualTo(copy.path("decay").asDouble());
                assertThat(norm.isLockGammaBeta()).as("%s learns gamma and beta", at).isFalse();
            }
            if (layer instanceof Upsampling2D upsampling) {
                assertThat(upsampling.getSize()).as("%s factor", at)
                        .containsExactly(copy.path("factor").asInt(), copy.path("factor").asInt());
            }
            if (layer instanceof OutputLayer output) {
                assertThat(copy.path("loss").asText()).as("%s loss", at).isEqualTo(loss(output.getLossFn()));
            }
        }
    }

    private static InputType discriminatorInput(GanSpec spec) {
        return spec.architecture() == Architecture.MLP ? InputType.feedForward(GanSpec.IMAGE_PIXELS)
                : InputType.convolutionalFlat(GanSpec.IMAGE_SIDE, GanSpec.IMAGE_SIDE, 1);
    }

    private static String kind(Layer layer) {
        if (layer instanceof OutputLayer) {
            return "output";
        } else if (layer instanceof DenseLayer) {
            return "dense";
        } else if (layer instanceof ConvolutionLayer) {
            return "conv";
        } else if (layer instanceof BatchNormalization) {
            return "batchnorm";
        } else if (layer instanceof ActivationLayer) {
            return "activation";
        } else if (layer instanceof Upsampling2D) {
            return "upsampling";
        } else if (layer instanceof DropoutLayer) {
            return "dropout";
        }
        return "unknown to the reference: " + layer.getClass().getName();
    }

    private static String loss(ILossFunction loss) {
        if (loss instanceof LossBinaryXENT) {
            return "xent";
        } else if (loss instanceof LossMSE) {
            return "mse";
        } else if (loss instanceof AuxiliaryClassifierLoss auxiliary) {
            return "auxiliary-classifier:" + auxiliary.adversarial();
        }
        return "unknown to the reference: " + loss;
    }

    /** The script writes {@code leakyrelu:0.2}; DL4J's activations print as {@code leakyrelu(a=0.2)}. */
    private static String activation(String script) {
        return script.startsWith("leakyrelu:") ? "leakyrelu(a=" + script.substring("leakyrelu:".length()) + ")"
                : script;
    }

    /**
     * What the layer applies to its output; null for layers that apply none (dropout, upsampling, and batch norm,
     * whose configured activation, the network default, DL4J's runtime layer does not apply).
     */
    private static String activationOf(Layer layer) {
        if (layer instanceof ActivationLayer activation) {
            return String.valueOf(activation.getActivationFn());
        }
        if (layer instanceof BaseLayer base && !(layer instanceof DropoutLayer)
                && !(layer instanceof BatchNormalization)) {
            return String.valueOf(base.getActivationFn());
        }
        return null;
    }

    private static List<Integer> shape(InputType type) {
        if (type instanceof InputType.InputTypeFeedForward ff) {
            return List.of((int) ff.getSize());
        }
        if (type instanceof InputType.InputTypeConvolutional cnn) {
            return List.of((int) cnn.getChannels(), (int) cnn.getHeight(), (int) cnn.getWidth());
        }
        return List.of(-1);
    }

    private static boolean sameValue(JsonNode expected, JsonNode actual) {
        if (actual == null) {
            return false;
        }
        if (expected.isNumber()) {
            return actual.isNumber() && expected.doubleValue() == actual.doubleValue();
        }
        if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!sameValue(expected.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return expected.equals(actual);
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asInt()));
        return values;
    }

    private static String runScript(String flag) throws IOException, InterruptedException {
        assertThat(Files.isRegularFile(SCRIPT)).as("%s exists", SCRIPT).isTrue();
        Process python = new ProcessBuilder("python3", SCRIPT.toString(), flag).redirectErrorStream(true).start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(30, TimeUnit.SECONDS)).as("python3 %s %s finished", SCRIPT, flag).isTrue();
        assertThat(python.exitValue()).as("python3 %s %s: %s", SCRIPT, flag, Arrays.asList(out)).isZero();
        return out;
    }
}
