package dev.digitgan.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.trainer.TestData;
import dev.digitgan.trainer.health.MnistReadinessCheck;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistSourceTest {

    @TempDir
    Path tmp;

    @Test
    void missingFilesFailWithTheFixAndMakeTheInstanceUnready() {
        MnistSource source = new MnistSource(tmp.resolve("nowhere"), OptionalInt.empty());
        MnistReadinessCheck check = new MnistReadinessCheck(source);
        assertThat(check.call().getStatus()).as("before any attempt").isEqualTo(HealthCheckResponse.Status.UP);

        assertThatThrownBy(source::train).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("does not exist").hasMessageContaining("scripts/fetch-mnist.sh");

        HealthCheckResponse response = check.call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow().get("reason").toString()).contains("fetch-mnist.sh");
    }

    @Test
    void loadsOnceAndCutsToTheConfiguredSize() {
        MnistSource source = new MnistSource(TestData.mnistDir(), OptionalInt.of(1000));
        assertThat(source.loaded()).isFalse();
        assertThat(source.train().size()).isEqualTo(1000);
        assertThat(source.train()).isSameAs(source.train());
        assertThat(source.loaded()).isTrue();
        assertThat(new MnistReadinessCheck(source).call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void aDamagedFileIsNamedAndNotTrainedOn() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("mnist"));
        try (var files = Files.list(TestData.mnistDir())) {
            for (Path file : files.toList()) {
                Files.createSymbolicLink(dir.resolve(file.getFileName()), file);
            }
        }
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        byte[] bytes = Files.readAllBytes(labels);
        bytes[bytes.length - 1] = (byte) ((bytes[bytes.length - 1] + 1) % 10); // still a valid label, not MNIST's
        Files.delete(labels);
        Files.write(labels, bytes);
        MnistSource source = new MnistSource(dir, OptionalInt.of(1000));

        assertThatThrownBy(source::train).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("train-labels-idx1-ubyte").hasMessageContaining("does not match the pinned")
                .hasMessageContaining("scripts/fetch-mnist.sh");
        assertThat(source.loaded()).isFalse();
        assertThat(new MnistReadinessCheck(source).call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    }

    @Test
    void rejectsANonPositiveLimit() {
        assertThatThrownBy(() -> new MnistSource(tmp, OptionalInt.of(0))).hasMessageContaining("max-train-images");
    }
}
