package dev.digitgan.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find the real MNIST files: the repository's data/mnist (scripts/fetch-mnist.sh puts them there). */
public final class TestData {

    private TestData() {
    }

    public static Path mnistDir() {
        Path root = Path.of(System.getProperty("digitgan.repo.root", ".."));
        Path dir = root.resolve("data/mnist").toAbsolutePath().normalize();
        assertThat(dir.resolve("train-images-idx3-ubyte"))
                .as("MNIST training images (run scripts/fetch-mnist.sh)").isRegularFile();
        return dir;
    }

    static boolean isPng(byte[] bytes) {
        return bytes.length > 8 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
    }

    public static boolean isPng(Path file) throws java.io.IOException {
        return isPng(Files.readAllBytes(file));
    }
}
