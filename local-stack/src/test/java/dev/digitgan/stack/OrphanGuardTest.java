package dev.digitgan.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child JVM under {@link OrphanGuard} runs its main class and exits once its parent link closes. */
class OrphanGuardTest {

    @TempDir
    Path dir;

    /** Stands in for a server: records its arguments, then runs until stopped. */
    public static final class FakeServer {
        public static void main(String[] args) throws Exception {
            Files.writeString(Path.of(args[0]), String.join(",", args));
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void childRunsTheMainClassAndExitsWhenItsStdinCloses() throws Exception {
        Path marker = dir.resolve("started.txt");
        String testClasses =
                Path.of(FakeServer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        JavaCommand command = new JavaCommand(List.of("-Xmx32m"), List.of(testClasses), FakeServer.class.getName(),
                List.of(marker.toString(), "second arg"));
        Process child = new ProcessBuilder(command.commandLine(JavaCommand.installGuard(dir.resolve("guard"))))
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    // the child creates the file, then writes it: wait for its content, not its name
                    .until(() -> Files.exists(marker) && Files.size(marker) > 0 || !child.isAlive());
            assertThat(marker).as("child log: %s", Files.readString(dir.resolve("child.log")))
                    .hasContent(marker + ",second arg");
            assertThat(child.isAlive()).isTrue();

            child.getOutputStream().close(); // what the OS does when the parent JVM dies

            assertThat(child.waitFor(20, TimeUnit.SECONDS)).as("child exited after its parent link closed").isTrue();
            assertThat(child.exitValue()).isZero();
            assertThat(Files.readString(dir.resolve("child.log"))).contains("parent process is gone");
        } finally {
            child.destroyForcibly();
        }
    }
}
