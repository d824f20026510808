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
 * A Kafka broker of its own (and an S3 server) for a test that stops and starts the broker under the running
 * application: fixed ports and a kept data folder, so that the restarted broker is the same cluster with the same
 * topics at the same address. The test and this resource may live in different class loaders, so what the test
 * needs to stop and start the broker is passed in a system property, not a static field.
 */
public class RestartableKafkaResource implements QuarkusTestResourceLifecycleManager {

    /** {@code dataDir port controllerPort pid} of the broker that runs now. */
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
        Broker.current().kill();
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

        /** SIGKILL, as a crashed or lost broker would go, and waits until the process is gone. */
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
