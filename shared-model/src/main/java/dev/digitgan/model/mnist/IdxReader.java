package dev.digitgan.model.mnist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the IDX files MNIST ships in (big-endian header, then unsigned bytes). Every structural
 * problem is reported as an {@link IdxFormatException} naming the file, because a silently
 * misread dataset only shows up much later as a GAN that learns garbage.
 */
public final class IdxReader {

    /** IDX magic: two zero bytes, type 0x08 (unsigned byte), number of dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    public static final int LABELS_MAGIC = 0x00000801;

    /** Larger image sides are certainly a corrupt header, not a dataset we could train on. */
    static final int MAX_SIDE = 4096;
    /** Largest Java array the JVM reliably allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final int IMAGES_HEADER = 16;
    private static final int LABELS_HEADER = 8;
    private static final int MAX_LABEL = 9;
    /**
     * Chunk for bulk reads: heap-buffer channel reads go through a temporary direct buffer of the
     * requested size, so chunking keeps that native allocation small.
     */
    private static final int CHUNK = 1 << 20;

    private IdxReader() {
    }

    public static IdxImages readImages(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer header = readHeader(file, channel, size, IMAGES_HEADER, IMAGES_MAGIC);
            int count = header.getInt(4);
            int rows = header.getInt(8);
            int cols = header.getInt(12);
            if (count < 0 || rows <= 0 || cols <= 0) {
                throw new IdxFormatException(file, "invalid dimensions " + count + "x" + rows + "x" + cols
                        + " (need count >= 0, rows > 0, cols > 0)");
            }
            if (rows > MAX_SIDE || cols > MAX_SIDE) {
                throw new IdxFormatException(file, "absurd image size " + rows + "x" + cols
                        + " (more than " + MAX_SIDE + " per side): corrupt header?");
            }
            long pixelCount = (long) count * rows * cols;
            if (pixelCount > MAX_ARRAY) {
                throw new IdxFormatException(file, "absurd dimensions " + count + "x" + rows + "x" + cols
                        + ": " + pixelCount + " pixels do not fit in one array");
            }
            checkLength(file, size, IMAGES_HEADER, pixelCount, count + " images of " + rows + "x" + cols);
            byte[] pixels = readBody(file, channel, IMAGES_HEADER, (int) pixelCount);
            return new IdxImages(count, rows, cols, pixels);
        }
    }

    /** Labels as bytes 0..9 in file order. */
    public static byte[] readLabels(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer header = readHeader(file, channel, size, LABELS_HEADER, LABELS_MAGIC);
            int count = header.getInt(4);
            if (count < 0) {
                throw new IdxFormatException(file, "negative label count " + count);
            }
            checkLength(file, size, LABELS_HEADER, count, count + " labels");
            byte[] labels = readBody(file, channel, LABELS_HEADER, count);
            for (int i = 0; i < labels.length; i++) {
                int label = labels[i] & 0xFF;
                if (label > MAX_LABEL) {
                    throw new IdxFormatException(file, "label " + label + " at index " + i + " is outside 0.."
                            + MAX_LABEL);
                }
            }
            return labels;
        }
    }

    private static ByteBuffer readHeader(Path file, FileChannel channel, long size, int headerLength, int magic)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IdxFormatException(file, "not a regular file");
        }
        if (size == 0) {
            throw new IdxFormatException(file, "empty file");
        }
        ByteBuffer header = ByteBuffer.allocate(headerLength); // big-endian, as IDX is
        int read = readFully(channel, header, 0);
        if (read >= 4 && header.getInt(0) != magic) {
            throw new IdxFormatException(file, describeWrongMagic(header.getInt(0), magic));
        }
        if (read < headerLength) {
            throw new IdxFormatException(file, "truncated header: " + read + " bytes, need " + headerLength);
        }
        return header;
    }

    private static String describeWrongMagic(int actual, int expected) {
        String message = String.format("wrong magic number 0x%08X, expected 0x%08X (%s)", actual, expected,
                expected == IMAGES_MAGIC ? "IDX unsigned-byte images, 3 dimensions"
                        : "IDX unsigned-byte labels, 1 dimension");
        if ((actual >>> 16) == 0x1F8B) {
            return message + "; the file looks gzip-compressed, decompress it first";
        }
        if (actual == LABELS_MAGIC) {
            return message + "; this is a label file";
        }
        if (actual == IMAGES_MAGIC) {
            return message + "; this is an image file";
        }
        return message;
    }

    private static void checkLength(Path file, long size, int headerLength, long bodyLength, String what)
            throws IdxFormatException {
        long expected = headerLength + bodyLength;
        if (size < expected) {
            throw new IdxFormatException(file, "truncated data: header promises " + what + " (" + expected
                    + " bytes in all), file has " + size + " bytes");
        }
        if (size > expected) {
            throw new IdxFormatException(file, (size - expected) + " bytes of trailing garbage after " + what
                    + " (expected " + expected + " bytes, file has " + size + ")");
        }
    }

    private static byte[] readBody(Path file, FileChannel channel, long position, int length) throws IOException {
        byte[] body = new byte[length];
        for (int offset = 0; offset < length; ) {
            ByteBuffer chunk = ByteBuffer.wrap(body, offset, Math.min(CHUNK, length - offset));
            int read = readFully(channel, chunk, position + offset);
            if (chunk.hasRemaining()) {
                // The size was checked up front, so this means the file shrank while we read it.
                throw new IdxFormatException(file, "truncated data: file ended after " + (position + offset + read)
                        + " bytes");
            }
            offset += read;
        }
        return body;
    }

    /** Reads until the buffer is full or the file ends; returns the bytes read. */
    private static int readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
