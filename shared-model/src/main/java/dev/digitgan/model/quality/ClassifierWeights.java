package dev.digitgan.model.quality;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The classifier's weights file: its flat parameter vector as little-endian float32 values, nothing else. The
 * architecture is {@link ClassifierNetwork}, in code; so reading the file never instantiates anything it names
 * (unlike DL4J's ModelSerializer zip, whose JSON names classes).
 */
final class ClassifierWeights {

    private ClassifierWeights() {
    }

    static byte[] encode(MultiLayerNetwork net) {
        float[] params = net.params().toFloatVector();
        ByteBuffer buffer = ByteBuffer.allocate(params.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(params);
        return buffer.array();
    }

    /** A network of {@link ClassifierNetwork}'s architecture with the parameters in {@code bytes}. */
    static MultiLayerNetwork decode(byte[] bytes) {
        MultiLayerNetwork net = ClassifierNetwork.forInference();
        long expected = net.numParams() * Float.BYTES;
        if (bytes.length != expected) {
            throw new IllegalArgumentException("classifier weights have " + bytes.length + " bytes; the architecture"
                    + " needs " + net.numParams() + " float32 parameters (" + expected + " bytes)");
        }
        float[] params = new float[Math.toIntExact(net.numParams())];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(params);
        for (float p : params) {
            if (!Float.isFinite(p)) {
                throw new IllegalArgumentException("classifier weights contain a non-finite value");
            }
        }
        net.setParams(Nd4j.create(params, new long[] {1, params.length}, 'c'));
        return net;
    }
}
