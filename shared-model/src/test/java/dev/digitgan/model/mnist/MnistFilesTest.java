package dev.digitgan.model.mnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistFilesTest {

    @TempDir
    Path dir;

    @Test
    void fileNamesPerSplit() {
        Path base = Path.of("some/dir");

        assertThat(MnistFiles.imagesFile(base, MnistSplit.TRAIN)).isEqualTo(base.resolve("train-images-idx3-ubyte"));
        assertThat(MnistFiles.labelsFile(base, MnistSplit.TRAIN)).isEqualTo(base.resolve("train-labels-idx1-ubyte"));
        assertThat(MnistFiles.imagesFile(base, MnistSplit.TEST)).isEqualTo(base.resolve("t10k-images-idx3-ubyte"));
        assertThat(MnistFiles.labelsFile(base, MnistSplit.TEST)).isEqualTo(base.resolve("t10k-labels-idx1-ubyte"));
    }

    @Test
    void everySplitFileHasADistinctPinnedChecksum() {
        assertThat(MnistFiles.fileNames()).containsExactlyInAnyOrder(
                "train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
        assertThat(MnistFiles.fileNames())
                .extracting(MnistFiles::expectedSha256)
                .allMatch(sha -> sha.matches("[0-9a-f]{64}"))
                .doesNotHaveDuplicates();
    }

    @Test
    void unknownFileNameIsRejected() {
        assertThatThrownBy(() -> MnistFiles.expectedSha256("train-images-idx3-ubyte.gz"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("train-images-idx3-ubyte.gz")
                .hasMessageContaining("known files");
    }

    @Test
    void sha256OfKnownVector() throws IOException {
        // FIPS 180-2 test vector for "abc".
        Path file = Files.writeString(dir.resolve("abc"), "abc", StandardCharsets.US_ASCII);

        assertThat(MnistFiles.sha256(file))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void verifyNamesEveryMissingFile() {
        assertThatThrownBy(() -> MnistFiles.verify(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(dir.resolve("train-images-idx3-ubyte") + ": missing")
                .hasMessageContaining(dir.resolve("t10k-labels-idx1-ubyte") + ": missing")
                .hasMessageContaining("scripts/fetch-mnist.sh");
    }

    @Test
    void verifyNamesAFileWithTheWrongContent() throws IOException {
        for (String name : MnistFiles.fileNames()) {
            Files.writeString(dir.resolve(name), "not mnist");
        }
        String actual = MnistFiles.sha256(dir.resolve("train-labels-idx1-ubyte"));

        assertThatThrownBy(() -> MnistFiles.verify(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(dir.resolve("train-labels-idx1-ubyte") + ": SHA-256 " + actual
                        + " does not match the pinned " + MnistFiles.expectedSha256("train-labels-idx1-ubyte"))
                .hasMessageNotContaining("missing");
    }

    @Test
    void verifiesTheRealFiles() throws IOException {
        RepoRoot.requireMnist();

        MnistFiles.verify(RepoRoot.mnistDir()); // throws on any mismatch
    }

    @Test
    void fetchScriptReadsTheSameChecksumFileInsteadOfACopy() throws IOException {
        Path script = RepoRoot.find().resolve("scripts/fetch-mnist.sh");
        Path sums = RepoRoot.find().resolve("shared-model/src/main/resources" + MnistFiles.CHECKSUM_RESOURCE);
        String text = Files.readString(script);

        assertThat(sums).isRegularFile();
        assertThat(text).contains("shared-model/src/main/resources/mnist.sha256");
        assertThat(Pattern.compile("[0-9a-f]{64}").matcher(text).find())
                .as("a SHA-256 literal in %s duplicates %s", script, sums)
                .isFalse();
    }
}
