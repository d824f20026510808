package dev.digitgan.trainer.it;

import dev.digitgan.stack.LocalKafka;
import dev.digitgan.stack.LocalS3;
import dev.digitgan.stack.LocalStackTestResource;
import dev.digitgan.stack.S3Credentials;
import dev.digitgan.stack.StackHome;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka broker of its own (and an S3 server) for a test that takes the broker away under the running application
 * and gives it back. The broker process is frozen (SIGSTOP) rather than killed and restarted: its clients then see
 * what a hung or partitioned broker shows them (requests that time out, connections that do not answer), and it
 * comes back as the same cluster at the same address. (A killed broker cannot be restarted on its port at once:
 * the port check of local-stack refuses it while the dead broker's connections sit in TIME_WAIT, about a minute.)
 * The test and this resource may live in different class loaders, so the broker is described to the test in a
 * system property, not a static field.
 */
public class RestartableKafkaResource implements QuarkusTestResourceLifecycleManager {

    /** {@code dataDir port controllerPort pid} of the broker. */
    static final String PROPERTY = "digitgan.test.restartable-kafka";

    private LocalS3 s3;

    @Override
    public Map<String, String> start() {
        Path dir = Path.of("target", "restartable-kafka-" + UUID.randomUUID().toString().substring(0, 8))
                .toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        s3 = new LocalS3(StackHome.locate(), dir.resolve("s3"), 0, S3Credentials.random());
        String endpoint = s3.start().toString();
        s3.createBucket(LocalStackTestResource.DEFAULT_BUCKET);
        Broker broker = new Broker(dir.resolve("kafka"), freePort(), freePort(), 0);
        String bootstrap = broker.start();
        return Map.of("kafka.bootstrap.servers", bootstrap,
                "digitgan.s3.endpoint", endpoint,
                "digitgan.s3.access-key", s3.credentials().accessKey(),
                "digitgan.s3.secret-key", s3.credentials().secretKey(),
                "digitgan.s3.bucket", LocalStackTestResource.DEFAULT_BUCKET);
    }

    @Override
    public void stop() {
        Broker.current().kill(); // SIGKILL ends a frozen process too
        if (s3 != null) {
            s3.close();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The broker as the system property describes it. */
    record Broker(Path dir, int port, int controllerPort, long pid) {

        static Broker current() {
            String[] f = System.getProperty(PROPERTY, "").split(" ");
            if (f.length != 4) {
                throw new IllegalStateException("no restartable broker (" + PROPERTY + " unset)");
            }
            return new Broker(Path.of(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]), Long.parseLong(f[3]));
        }

        /** Starts the broker on this folder and these ports and records its pid; returns the bootstrap servers. */
        String start() {
            // Not closed here: the process lives until kill() (or the test JVM's end, see OrphanGuard).
            LocalKafka kafka = new LocalKafka(StackHome.locate(), dir, port, controllerPort);
            String bootstrap = kafka.start();
            System.setProperty(PROPERTY, dir + " " + port + " " + controllerPort + " " + kafka.pid());
            return bootstrap;
        }

        /** Freezes the broker (SIGSTOP): it keeps its connections and answers nothing. */
        void freeze() {
            signal("-STOP");
        }

        /** Lets a frozen broker run on (SIGCONT). */
        void thaw() {
            signal("-CONT");
        }

        private void signal(String signal) {
            try {
                int exit = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start().waitFor();
                if (exit != 0) {
                    throw new IllegalStateException("kill " + signal + " " + pid + " exited with " + exit);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** SIGKILL, and waits until the process is gone. */
        void kill() {
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroyForcibly();
                try {
                    p.onExit().get(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("broker " + pid + " did not exit", e);
                }
            });
        }
    }
}
