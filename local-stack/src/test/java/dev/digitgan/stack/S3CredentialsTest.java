package dev.digitgan.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3CredentialsTest {

    @TempDir
    Path dataDir;

    @Test
    void randomCredentialsDifferAndTheSecretIsNeverPrinted() {
        S3Credentials a = S3Credentials.random();
        S3Credentials b = S3Credentials.random();
        assertThat(a).isNotEqualTo(b);
        assertThat(a.accessKey()).hasSize(20);
        assertThat(a.secretKey()).hasSize(40);
        assertThat(a.toString()).contains(a.accessKey()).doesNotContain(a.secretKey());
    }

    @Test
    void environmentWins() {
        S3Credentials.Source source = S3Credentials.forDataDir(
                Map.of(S3Credentials.ACCESS_KEY_ENV, "me", S3Credentials.SECRET_KEY_ENV, "s3cr3t"), dataDir);
        assertThat(source.credentials()).isEqualTo(new S3Credentials("me", "s3cr3t"));
        assertThat(source.origin()).isEqualTo("environment");
        assertThat(dataDir.resolve("s3")).doesNotExist();
    }

    @Test
    void halfAnEnvironmentIsAnError() {
        assertThatThrownBy(() -> S3Credentials.forDataDir(Map.of(S3Credentials.ACCESS_KEY_ENV, "me"), dataDir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(S3Credentials.SECRET_KEY_ENV);
    }

    @Test
    void generatedOnceThenReusedFromAnOwnerOnlyFile() throws Exception {
        S3Credentials.Source first = S3Credentials.forDataDir(Map.of(), dataDir);
        S3Credentials.Source second = S3Credentials.forDataDir(Map.of(), dataDir);
        assertThat(second.credentials()).isEqualTo(first.credentials());
        assertThat(first.origin()).startsWith("generated, saved in");
        assertThat(second.origin()).startsWith("generated earlier");
        Path file = dataDir.resolve("s3").resolve("credentials.properties");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void blankOrSpacedKeysAreRejected() {
        assertThatThrownBy(() -> new S3Credentials(" ", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new S3Credentials("a b", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new S3Credentials("a", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
