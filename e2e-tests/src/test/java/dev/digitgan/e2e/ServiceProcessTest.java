package dev.digitgan.e2e;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a dying child is reported is local-stack's ChildProcessTest; this is what the adapter adds. */
class ServiceProcessTest {

    @TempDir
    Path dir;

    @Test
    void aMissingJarIsRefusedNamingTheBuildCommand() {
        Path jar = dir.resolve("trainer-service/target/quarkus-app/quarkus-run.jar");
        assertThatThrownBy(() -> ServiceProcess.start("trainer-service", jar, Map.of(), dir.resolve("trainer.log")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(jar.toString())
                .hasMessageContaining("mvn -B package -DskipTests -pl trainer-service -am");
    }
}
