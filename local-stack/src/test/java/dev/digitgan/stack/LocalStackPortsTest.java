package dev.digitgan.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackPortsTest {

    @TempDir
    Path dataDir;

    @Test
    void aTakenFixedPortFailsBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             LocalStack stack = new LocalStack(StackHome.locate(), dataDir, 0, 0, taken.getLocalPort(),
                     S3Credentials.random())) {
            assertThatThrownBy(() -> stack.start("digitgan"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("S3 port " + taken.getLocalPort())
                    .hasMessageContaining("already in use");
            assertThat(dataDir.resolve("kafka")).as("nothing was launched").doesNotExist();
        }
    }

    @Test
    void portNumbersAreChecked() {
        assertThatThrownBy(() -> new LocalKafka(StackHome.locate(), dataDir, 70_000, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..65535");
        assertThatThrownBy(() -> new LocalKafka(StackHome.locate(), dataDir, 9092, 9092))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must differ");
        assertThatThrownBy(() -> new LocalS3(StackHome.locate(), dataDir, -1, S3Credentials.random()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..65535");
    }
}
