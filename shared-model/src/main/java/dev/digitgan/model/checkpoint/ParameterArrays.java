package dev.digitgan.model.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network's flat parameter (or Adam state) vector as bytes, both ways, and nothing else: no class names, no
 * object graph, and the number of values is the caller's (from the spec), never the file's.
 *
 * <ul>
 *   <li>{@code generator.bin}, {@code discriminator.bin}, their Adam state and the other {@code .bin} entries of
 *       format 2: the float32 values, little-endian, back to back.</li>
 *   <li>{@code coefficients.bin} and {@code updaterState.bin} inside the ModelSerializer zips of older checkpoints
 *       ({@code generator.zip}, {@code discriminator.zip}, {@code stacked.zip}): ND4J's binary array format as
 *       {@code Nd4j.write} left it, parsed here field by field (a shape buffer of LONG, then a data buffer of
 *       FLOAT, both big-endian), so a declared length is compared with the expected one before anything is
 *       allocated.</li>
 * </ul>
 */
final class ParameterArrays {

    /** The allocation-mode tag ND4J 1.0.0-M2.1 writes before each buffer. */
    private static final String ALLOCATION_MODE = "MIXED_DATA_TYPES";

    private ParameterArrays() {
    }

    static byte[] toLittleEndian(INDArray params) {
        float[] values = params.toFloatVector();
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    /**
     * @param expected how many values {@code bytes} must hold (from the spec's network, never from the bytes)
     * @param what     what they are, for the message: "generator", "discriminator's Adam state"
     */
    static float[] fromLittleEndian(byte[] bytes, long expected, String entry, String what)
            throws ParameterCountException {
        if (bytes.length % Float.BYTES != 0 || bytes.length / Float.BYTES != expected) {
            throw new ParameterCountException(entry + " holds " + bytes.length + " bytes; the spec's " + what
                    + " has " + expected + " float32 values (" + expected * Float.BYTES + " bytes)");
        }
        float[] values = new float[Math.toIntExact(expected)];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    static float[] fromNd4jBinary(byte[] bytes, long expected, String entry, String what) throws CheckpointException {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            expectTag(in, ALLOCATION_MODE, entry);
            long shapeLength = in.readLong();
            if (shapeLength != 6 && shapeLength != 8) { // 2 * rank + 4, rank 1 or 2
                throw new CheckpointException(entry + " is not a parameter vector (shape record of "
                        + shapeLength + " values)");
            }
            expectTag(in, "LONG", entry);
            long rank = in.readLong();
            if (rank * 2 + 4 != shapeLength) {
                throw new CheckpointException(entry + " is not a parameter vector (rank " + rank + ")");
            }
            long count = 1;
            for (int d = 0; d < rank; d++) {
                count = Math.multiplyExact(count, in.readLong());
            }
            in.skipNBytes((shapeLength - 1 - rank) * Long.BYTES); // strides, flags, element-wise stride, order
            expectTag(in, ALLOCATION_MODE, entry);
            long length = in.readLong();
            if (count != expected || length != expected) {
                throw new ParameterCountException(entry + " holds " + length + " values (shape of " + count
                        + "); the spec's " + what + " has " + expected);
            }
            expectTag(in, "FLOAT", entry);
            if (in.available() != expected * Float.BYTES) {
                throw new ParameterCountException(entry + " has " + in.available() + " bytes of values, expected "
                        + expected * Float.BYTES);
            }
            float[] values = new float[Math.toIntExact(expected)];
            ByteBuffer.wrap(bytes, bytes.length - in.available(), in.available()).order(ByteOrder.BIG_ENDIAN)
                    .asFloatBuffer().get(values);
            return values;
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException | ArithmeticException e) {
            throw new CheckpointException(entry + " is not an ND4J parameter vector: " + e.getMessage(), e);
        }
    }

    private static void expectTag(DataInputStream in, String expected, String entry) throws IOException {
        int length = in.readUnsignedShort();
        if (length != expected.length()) {
            throw new CheckpointException(entry + " is not an ND4J " + expected + " buffer (tag of " + length
                    + " bytes)");
        }
        String tag = new String(in.readNBytes(length), StandardCharsets.US_ASCII);
        if (!tag.equals(expected)) {
            throw new CheckpointException(entry + " is not an ND4J " + expected + " buffer (tag '" + tag + "')");
        }
    }
}
