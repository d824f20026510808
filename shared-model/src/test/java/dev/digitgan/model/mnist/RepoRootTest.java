package dev.digitgan.model.mnist;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoRootTest {

    @TempDir
    Path emptyRoot;

    @Test
    void aTestThatNeedsMnistFailsNamingTheFetchScriptWhenTheFilesAreMissing() {
        String before = System.getProperty(RepoRoot.PROPERTY);
        System.setProperty(RepoRoot.PROPERTY, emptyRoot.toString());
        try {
            assertThatThrownBy(RepoRoot::requireMnist)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining(emptyRoot.resolve(MnistFiles.DEFAULT_DIR).toString())
                    .hasMessageContaining("run scripts/fetch-mnist.sh");
        } finally {
            if (before == null) {
                System.clearProperty(RepoRoot.PROPERTY);
            } else {
                System.setProperty(RepoRoot.PROPERTY, before);
            }
        }
    }
}
