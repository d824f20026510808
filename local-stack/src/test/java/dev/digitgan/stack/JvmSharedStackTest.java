package dev.digitgan.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class JvmSharedStackTest {

    private final LocalStack.Endpoints endpoints = new LocalStack.Endpoints("127.0.0.1:1234",
            URI.create("http://127.0.0.1:5678"), S3Credentials.random(), "digitgan");

    @Test
    void endpointsOfLiveProcessesRoundTrip() {
        long self = ProcessHandle.current().pid();
        String encoded = JvmSharedStack.encode(endpoints, new long[] {self, self});
        assertThat(JvmSharedStack.decode(encoded)).contains(endpoints);
    }

    @Test
    void aStackWithADeadProcessIsNotReused() throws Exception {
        Process finished = new ProcessBuilder(JavaCommand.javaExecutable().toString(), "-version").start();
        finished.waitFor();
        String encoded = JvmSharedStack.encode(endpoints, new long[] {ProcessHandle.current().pid(), finished.pid()});
        assertThat(JvmSharedStack.decode(encoded)).isEmpty();
    }

    @Test
    void noSharedStackYet() {
        assertThat(JvmSharedStack.decode(null)).isEmpty();
        assertThat(JvmSharedStack.decode("")).isEmpty();
    }
}
