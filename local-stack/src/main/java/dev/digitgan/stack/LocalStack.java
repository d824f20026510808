package dev.digitgan.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Kafka and S3 together, with their data under one folder ({@code kafka/}, {@code s3/}).
 *
 * <p>Run it for local development (see {@link #main(String[])} and the module README), or use it from
 * tests through {@link LocalStackTestResource}.
 */
public final class LocalStack implements AutoCloseable {

    private final Path dataDir;
    private final LocalKafka kafka;
    private final LocalS3 s3;
    private final Map<String, Integer> fixedPorts;
    private FileChannel lockChannel;
    private FileLock lock;
    private Endpoints endpoints;
    private volatile boolean closing;

    /**
     * Where the services find the stack.
     *
     * @param kafkaBootstrapServers {@code host:port}
     * @param s3Endpoint            {@code http://host:port}
     * @param s3Credentials         keys the S3 server accepts
     * @param bucket                the bucket created at start
     */
    public record Endpoints(String kafkaBootstrapServers, URI s3Endpoint, S3Credentials s3Credentials, String bucket) {

        /** As the services' environment variables (docs/conventions.md, Configuration). */
        public Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
            env.put("DIGITGAN_S3_ENDPOINT", s3Endpoint.toString());
            env.put(S3Credentials.ACCESS_KEY_ENV, s3Credentials.accessKey());
            env.put(S3Credentials.SECRET_KEY_ENV, s3Credentials.secretKey());
            env.put("DIGITGAN_S3_BUCKET", bucket);
            return env;
        }

        private static final String KAFKA = "kafka.bootstrap.servers";
        private static final String S3_ENDPOINT = "digitgan.s3.endpoint";
        private static final String S3_ACCESS_KEY = "digitgan.s3.access-key";
        private static final String S3_SECRET_KEY = "digitgan.s3.secret-key";
        private static final String S3_BUCKET = "digitgan.s3.bucket";

        /** As the services' configuration properties (what a Quarkus test resource returns). */
        public Map<String, String> configProperties() {
            Map<String, String> config = new LinkedHashMap<>();
            config.put(KAFKA, kafkaBootstrapServers);
            config.put(S3_ENDPOINT, s3Endpoint.toString());
            config.put(S3_ACCESS_KEY, s3Credentials.accessKey());
            config.put(S3_SECRET_KEY, s3Credentials.secretKey());
            config.put(S3_BUCKET, bucket);
            return config;
        }

        /** The inverse of {@link #configProperties()}: {@code property} looks a key up (and fails if missing). */
        public static Endpoints fromConfig(Function<String, String> property) {
            return new Endpoints(property.apply(KAFKA), URI.create(property.apply(S3_ENDPOINT)),
                    new S3Credentials(property.apply(S3_ACCESS_KEY), property.apply(S3_SECRET_KEY)),
                    property.apply(S3_BUCKET));
        }
    }

    /**
     * @param dataDir kept across restarts: the same folder gives back the same topics and objects
     * @param kafkaPort, kafkaControllerPort, s3Port 0 for random free ports
     */
    public LocalStack(StackHome home, Path dataDir, int kafkaPort, int kafkaControllerPort, int s3Port,
                      S3Credentials credentials) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.fixedPorts = Map.of("Kafka", kafkaPort, "Kafka controller", kafkaControllerPort, "S3", s3Port);
        this.kafka = new LocalKafka(home, this.dataDir.resolve("kafka"), kafkaPort, kafkaControllerPort);
        this.s3 = new LocalS3(home, this.dataDir.resolve("s3"), s3Port, credentials);
    }

    /** Random ports, jars found by {@link StackHome#locate()}. */
    public static LocalStack onRandomPorts(Path dataDir, S3Credentials credentials) {
        return new LocalStack(StackHome.locate(), dataDir, 0, 0, 0, credentials);
    }

    /**
     * Starts both servers (in parallel: each is a cold JVM), waits until both answer, and creates
     * {@code bucket}. On failure everything started is stopped again.
     */
    public synchronized Endpoints start(String bucket) {
        S3Admin.requireValidBucketName(bucket);
        if (endpoints != null) {
            throw new IllegalStateException("already started");
        }
        // Both servers start in parallel: check every fixed port before launching either of them.
        fixedPorts.forEach((what, port) -> {
            if (port != 0) {
                Ports.resolve(port, what);
            }
        });
        lockDataDir();
        try {
            CompletableFuture<String> kafkaStart = CompletableFuture.supplyAsync(kafka::start,
                    task -> new Thread(task, "start-kafka").start());
            URI s3Endpoint;
            try {
                s3Endpoint = s3.start();
            } finally {
                // Always wait for Kafka too, so that a failure never leaves it starting in the background.
                kafkaStart.exceptionally(e -> null).join();
            }
            String bootstrap = kafkaStart.join();
            s3.createBucket(bucket);
            endpoints = new Endpoints(bootstrap, s3Endpoint, s3.credentials(), bucket);
            return endpoints;
        } catch (CompletionException e) {
            close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void lockDataDir() {
        Path lockFile = dataDir.resolve(".lock");
        try {
            Files.createDirectories(dataDir);
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile, e);
        }
        if (lock == null) {
            releaseLock();
            throw new IllegalStateException("data folder " + dataDir + " is in use by another local stack");
        }
    }

    public synchronized Endpoints endpoints() {
        if (endpoints == null) {
            throw new IllegalStateException("local stack not started");
        }
        return endpoints;
    }

    /** The broker, for tests that stop, restart, pause or resume it (the fault cases of e2e-tests). */
    public LocalKafka kafka() {
        return kafka;
    }

    /** The S3 server, for tests that stop, restart, pause or resume it. */
    public LocalS3 s3() {
        return s3;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Process ids of Kafka and S3Proxy, for checking from elsewhere that both still run. */
    public synchronized long[] pids() {
        return new long[] {kafka.pid(), s3.pid()};
    }

    /** Completes with the server's name when either server process ends. */
    CompletableFuture<String> anyServerExit() {
        CompletableFuture<String> kafkaExit = kafka.process().orElseThrow().onExit().thenApply(p -> "Kafka");
        CompletableFuture<String> s3Exit = s3.process().orElseThrow().onExit().thenApply(p -> "S3Proxy");
        return kafkaExit.applyToEither(s3Exit, name -> name);
    }

    boolean isClosing() {
        return closing;
    }

    /** Stops both servers (in parallel) and waits for them; idempotent. */
    @Override
    public void close() {
        closing = true;
        CompletableFuture<Void> kafkaStop = CompletableFuture.runAsync(kafka::close,
                task -> new Thread(task, "stop-kafka").start());
        try {
            s3.close();
        } finally {
            kafkaStop.join();
            synchronized (this) {
                releaseLock();
            }
        }
    }

    private void releaseLock() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            // Closing the channel releases the lock in any case.
        } finally {
            lock = null;
            lockChannel = null;
        }
    }

    /**
     * Runs the stack until Ctrl-C / SIGTERM. Prints {@code KEY=value} lines for the services on stdout,
     * everything else on stderr.
     */
    public static void main(String[] args) {
        if (LocalStackOptions.wantsHelp(args)) {
            System.out.println(LocalStackOptions.USAGE);
            return;
        }
        LocalStackOptions options;
        try {
            options = LocalStackOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        // kafka-clients (readiness checks) logs every client config at INFO through slf4j-simple.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.exit(run(options, System.out, System.err));
    }

    private static int run(LocalStackOptions options, PrintStream out, PrintStream err) {
        LocalStack stack;
        S3Credentials.Source credentials;
        try {
            StackHome home = StackHome.locate();
            credentials = S3Credentials.forDataDir(System.getenv(), options.dataDir());
            stack = new LocalStack(home, options.dataDir(), options.kafkaPort(), options.kafkaControllerPort(),
                    options.s3Port(), credentials.credentials());
        } catch (RuntimeException e) {
            err.println("local stack: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            err.println("local stack: stopped");
        }, "stop-local-stack"));
        long started = System.nanoTime();
        Endpoints endpoints;
        try {
            endpoints = stack.start(options.bucket());
        } catch (RuntimeException e) {
            err.println("local stack: failed to start: " + e.getMessage());
            return 1;
        }
        String lines = endpoints.environment().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(System.lineSeparator(), "", System.lineSeparator()));
        out.print(lines);
        out.flush();
        options.envFile().ifPresent(file -> OwnerOnlyFiles.write(file, lines));
        err.printf("local stack: ready in %.1f s; data in %s; S3 keys %s%n", (System.nanoTime() - started) / 1e9,
                stack.dataDir(), credentials.origin());
        err.printf("local stack: logs %s and %s; Ctrl-C stops both%n",
                stack.dataDir().resolve("kafka").resolve("kafka.log"),
                stack.dataDir().resolve("s3").resolve("s3proxy.log"));
        String exited = stack.anyServerExit().join();
        if (stack.isClosing()) {
            return 0; // Ctrl-C / SIGTERM: the shutdown hook is stopping the other one
        }
        err.println("local stack: " + exited + " exited unexpectedly; see its log. Stopping the other server.");
        return 1;
    }
}
