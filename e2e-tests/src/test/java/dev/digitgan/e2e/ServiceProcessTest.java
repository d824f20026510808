package dev.digitgan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTest {

    @TempDir
    Path dir;

    @Test
    void aMissingJarIsRefusedNamingTheBuildCommand() {
        Path jar = dir.resolve("trainer-service/target/quarkus-app/quarkus-run.jar");
        assertThatThrownBy(() -> ServiceProcess.start("trainer-service", jar, Map.of(), FreePort.pick(),
                dir.resolve("trainer.log")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(jar.toString())
                .hasMessageContaining("mvn -B package -DskipTests -pl trainer-service -am");
    }

    @Test
    void aServiceThatDiesIsReportedWithItsExitCodeAndTheEndOfItsLog() throws Exception {
        Path notAJar = Files.writeString(dir.resolve("quarkus-run.jar"), "not a zip");
        try (ServiceProcess service = ServiceProcess.start("broken", notAJar, Map.of(), FreePort.pick(),
                dir.resolve("logs/broken.log"))) {
            // The java launcher refuses the file and exits; requireAlive must then fail with the log's content.
            AssertionError failure = Poll.until("the broken service to be reported dead", Duration.ofSeconds(30), () -> {
                try {
                    service.requireAlive();
                    return Optional.empty();
                } catch (AssertionError e) {
                    return Optional.of(e);
                }
            }, () -> "still alive");
            assertThat(failure).hasMessageContaining("broken exited with code 1")
                    .hasMessageContaining("last 40 lines of " + dir.resolve("logs/broken.log"))
                    .hasMessageContaining("quarkus-run.jar");
            assertThat(service.isAlive()).isFalse();
        }
    }
}
