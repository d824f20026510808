package dev.digitgan.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A real S3 server: S3Proxy with its filesystem store, in a child JVM.
 *
 * <p>Layout of {@code dataDir}: {@code s3proxy.conf} (owner-only, holds the secret), {@code buckets/}
 * (one folder per bucket, kept across restarts), {@code s3proxy.log}.
 */
public final class LocalS3 implements AutoCloseable {

    // java.util.logging rather than System.Logger: under Quarkus tests the latter goes through JBoss
    // LogManager's LoggerFinder, which complains when JUL was initialised before it.
    private static final Logger LOG = Logger.getLogger(LocalS3.class.getName());
    /** As for Kafka (see LocalKafka): C1 only halves the start-up time here; serial GC, small heap. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true");
    private static final int RANDOM_PORT_ATTEMPTS = 3;

    private final StackHome home;
    private final Path dataDir;
    private final int requestedPort;
    private final S3Credentials credentials;
    private ChildProcess process;
    private URI endpoint;

    /**
     * @param port 0 for a random free port
     */
    public LocalS3(StackHome home, Path dataDir, int port, S3Credentials credentials) {
        this.home = home;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.requestedPort = port;
        this.credentials = credentials;
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("S3 port must be 0..65535, got " + port);
        }
    }

    /** Starts the server and waits until it answers an authenticated request; returns its endpoint. */
    public synchronized URI start() {
        if (process != null) {
            throw new IllegalStateException("already started");
        }
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            int port = Ports.resolve(requestedPort, "S3");
            URI candidate = URI.create("http://" + Ports.HOST + ":" + port);
            try {
                return startAt(candidate, started);
            } catch (Readiness.ProcessDied e) {
                // A random port can be taken between choosing it and the server binding it.
                if (requestedPort != 0 || attempt == RANDOM_PORT_ATTEMPTS) {
                    throw e;
                }
                LOG.log(Level.WARNING, "S3Proxy died on port {0}, retrying on another: {1}",
                        new Object[] {String.valueOf(port), e.getMessage()});
            }
        }
    }

    /**
     * Starts the server again after {@link #stop()}, at the same endpoint on the same buckets folder: an S3 that went
     * down and came back with every object it had stored.
     */
    public synchronized URI restart() {
        if (process != null) {
            throw new IllegalStateException("S3 is running");
        }
        if (endpoint == null) {
            throw new IllegalStateException("S3 was never started: start() it");
        }
        // As for Kafka's restart: no free-port check, the closed connections linger on the port (TIME_WAIT).
        return startAt(endpoint, System.nanoTime());
    }

    /** Stops the server (SIGTERM, then SIGKILL after 10 s), keeping its objects and endpoint for {@link #restart()}. */
    public synchronized void stop() {
        process().orElseThrow(() -> new IllegalStateException("S3 not started")).close();
        process = null;
    }

    private URI startAt(URI candidate, long started) {
        ChildProcess child = launch(candidate);
        try {
            S3Admin admin = new S3Admin(candidate, credentials);
            Readiness.await(child, Readiness.STARTUP_TIMEOUT, () -> {
                int status = admin.listBucketsStatus();
                return status == 200 ? Optional.empty() : Optional.of("HTTP " + status + " to list buckets");
            });
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
        process = child;
        endpoint = candidate;
        LOG.log(Level.INFO, "S3 (S3Proxy) ready at {0} in {1} ms (pid {2}, log {3})", new Object[] {
            endpoint, String.valueOf((System.nanoTime() - started) / 1_000_000),
            String.valueOf(child.pid()), child.logFile()});
        return endpoint;
    }

    private ChildProcess launch(URI candidate) {
        Path buckets = dataDir.resolve("buckets");
        Path config = dataDir.resolve("s3proxy.conf");
        try {
            Files.createDirectories(buckets);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + buckets, e);
        }
        Properties properties = new Properties();
        properties.setProperty("s3proxy.endpoint", candidate.toString());
        properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        properties.setProperty("s3proxy.identity", credentials.accessKey());
        properties.setProperty("s3proxy.credential", credentials.secretKey());
        properties.setProperty("jclouds.provider", "filesystem");
        properties.setProperty("jclouds.filesystem.basedir", buckets.toString());
        OwnerOnlyFiles.write(config, properties, "written by LocalS3 at every start");
        JavaCommand command = new JavaCommand(JVM_OPTIONS, List.of(home.s3proxyJar().toString()),
                home.s3proxyMainClass(), List.of("--properties", config.toString()));
        return ChildProcess.start("S3Proxy", command, dataDir, dataDir.resolve("s3proxy.log"), Duration.ofSeconds(10));
    }

    /** Creates {@code bucket} through the S3 API if it does not exist yet. */
    public void createBucket(String bucket) {
        new S3Admin(endpoint(), credentials).createBucket(bucket);
    }

    public synchronized URI endpoint() {
        if (endpoint == null) {
            throw new IllegalStateException("S3 not started");
        }
        return endpoint;
    }

    public S3Credentials credentials() {
        return credentials;
    }

    /** Process id of the server, for callers that must know whether it is still alive. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("S3 not started");
        }
        return process.pid();
    }

    /** Freezes the server (SIGSTOP, {@link ChildProcess#pause()}): it accepts connections and answers nothing. */
    public synchronized void pause() {
        process().orElseThrow(() -> new IllegalStateException("S3 not started")).pause();
    }

    /** Lets a paused server answer again (SIGCONT). */
    public synchronized void resume() {
        process().orElseThrow(() -> new IllegalStateException("S3 not started")).resume();
    }

    synchronized Optional<ChildProcess> process() {
        return Optional.ofNullable(process);
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.close();
        }
    }
}
