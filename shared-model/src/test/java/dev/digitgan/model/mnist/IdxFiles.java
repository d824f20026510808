package dev.digitgan.model.mnist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes IDX files, well-formed or deliberately broken, for the reader tests. */
final class IdxFiles {

    private IdxFiles() {
    }

    static byte[] imagesBytes(int magic, int count, int rows, int cols, byte[] pixels) {
        return ByteBuffer.allocate(16 + pixels.length)
                .putInt(magic).putInt(count).putInt(rows).putInt(cols).put(pixels).array();
    }

    static byte[] labelsBytes(int magic, int count, byte[] labels) {
        return ByteBuffer.allocate(8 + labels.length).putInt(magic).putInt(count).put(labels).array();
    }

    static Path write(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        return file;
    }

    /** Bytes spread over 0..255 (37 is odd, so any 256 consecutive ones hit every value, high ones included). */
    static byte[] ramp(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 37 + 11);
        }
        return bytes;
    }
}
