package dev.digitgan.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
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

    @Test
    void aPausedChildRunsNothingUntilItIsResumed() throws Exception {
        Path log = dir.resolve("ticker.log");
        List<String> line = List.of("bash", "-c", "while true; do echo tick; sleep 0.1; done");
        try (ChildProcess child = ChildProcess.start("ticker", line, Map.of(), dir, log, Duration.ofSeconds(5))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> ticks(log) >= 2);
            child.pause();
            long atPause = ticks(log);
            Thread.sleep(1_000);
            // One tick may have been on its way when the signal came; ten would have followed in a second.
            assertThat(ticks(log)).as("ticks during a second of pause").isLessThanOrEqualTo(atPause + 1);
            child.resume();
            await().atMost(Duration.ofSeconds(10)).until(() -> ticks(log) >= atPause + 5);
        }
    }

    @Test
    void aKilledChildIsGoneWhenKillReturnsWithoutItsShutdownRunning() throws Exception {
        Path log = dir.resolve("trapper.log");
        // A child that would say goodbye on SIGTERM: after kill() it never does, as after a crash.
        List<String> line = List.of("bash", "-c", "trap 'echo goodbye; exit 0' TERM; echo up; while true; do sleep 0.1;"
                + " done");
        try (ChildProcess child = ChildProcess.start("trapper", line, Map.of(), dir, log, Duration.ofSeconds(5))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("up"));
            child.kill();
            assertThat(child.isAlive()).as("the child after kill").isFalse();
            assertThat(child.onExit().get().exitValue()).as("exit value of a SIGKILLed process").isEqualTo(137);
            assertThat(Files.readAllLines(log)).as("lines of its log (the first is the command)")
                    .doesNotContain("goodbye");
        }
    }

    private static long ticks(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter("tick"::equals).count();
    }
}
