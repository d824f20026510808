package dev.digitgan.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process runner with real children: one that dies at once, one that runs until it is stopped. */
class ChildProcessTest {

    @TempDir
    Path dir;

    @Test
    void aChildThatDiesIsReportedWithItsExitCodeAndTheEndOfItsLog() throws Exception {
        Path notAJar = Files.writeString(dir.resolve("quarkus-run.jar"), "not a zip");
        Path log = dir.resolve("logs/broken.log");
        List<String> line = List.of(JavaCommand.javaExecutable().toString(), "-jar", notAJar.toString());
        try (ChildProcess child = ChildProcess.start("broken", line, Map.of(), dir, log, Duration.ofSeconds(5))) {
            // The java launcher refuses the file and exits; requireAlive must then fail with the log's content.
            await().atMost(Duration.ofSeconds(30)).until(() -> !child.isAlive());
            assertThatThrownBy(child::requireAlive)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("broken exited with code 1")
                    .hasMessageContaining("last 40 lines of " + log)
                    .hasMessageContaining("Invalid or corrupt jarfile");
        }
    }

    @Test
    void theEnvironmentIsPassedAndCloseStopsAChildThatRunsOn() throws Exception {
        Path log = dir.resolve("sleeper.log");
        List<String> line = List.of("bash", "-c", "echo \"told $DIGITGAN_TEST_WORD\"; exec sleep 600");
        ChildProcess child = ChildProcess.start("sleeper", line, Map.of("DIGITGAN_TEST_WORD", "hello"), dir, log,
                Duration.ofSeconds(5));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("told hello"));
            child.requireAlive();
            ProcessHandle handle = child.handle();
            child.close();
            assertThat(handle.isAlive()).as("the child after close").isFalse();
            assertThat(Files.readString(log)).startsWith("=== ").contains("starting sleeper: bash -c");
        } finally {
            child.close();
        }
    }
}
