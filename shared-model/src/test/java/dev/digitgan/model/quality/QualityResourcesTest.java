package dev.digitgan.model.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped files match their pins, and bytes that do not are refused with a message that says so. */
class QualityResourcesTest {

    @Test
    void theShippedFilesMatchTheirPins() {
        assertThat(QualityResources.pins()).containsOnlyKeys(QualityResources.WEIGHTS, QualityResources.TEST_FEATURES);
        assertThat(QualityResources.read(QualityResources.WEIGHTS))
                .hasSize(Math.toIntExact(ClassifierNetwork.parameterCount() * Float.BYTES));
        assertThat(QualityResources.read(QualityResources.TEST_FEATURES)).isNotEmpty();
    }

    @Test
    void bytesThatDoNotMatchThePinAreRefused() {
        byte[] bytes = "weights".getBytes(StandardCharsets.UTF_8);
        Map<String, String> pins = Map.of("w", QualityResources.sha256(bytes));
        assertThat(QualityResources.verified("w", bytes, pins)).isSameAs(bytes);

        byte[] tampered = bytes.clone();
        tampered[0] ^= 1;
        assertThatThrownBy(() -> QualityResources.verified("w", tampered, pins))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not the pinned " + QualityResources.sha256(bytes));
        assertThatThrownBy(() -> QualityResources.verified("other", bytes, pins))
                .hasMessageContaining("pins no SHA-256 for other");
    }

    @Test
    void writesFilesWhosePinsVerify(@TempDir Path dir) throws Exception {
        QualityResources.write(dir, new byte[] {1, 2, 3}, new byte[] {4, 5});
        Map<String, String> pins = QualityResources.parsePins(Files.readString(dir.resolve(QualityResources.PINS)));
        assertThat(QualityResources.verified(QualityResources.WEIGHTS,
                Files.readAllBytes(dir.resolve(QualityResources.WEIGHTS)), pins)).containsExactly(1, 2, 3);
        assertThat(QualityResources.verified(QualityResources.TEST_FEATURES,
                Files.readAllBytes(dir.resolve(QualityResources.TEST_FEATURES)), pins)).containsExactly(4, 5);
    }

    @Test
    void aMalformedPinLineIsAnError() {
        assertThatThrownBy(() -> QualityResources.parsePins("# comment\nnot-a-hash  file\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a sha256sum line");
    }
}
