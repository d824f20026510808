package dev.digitgan.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), in a child JVM
 * so that the broker's dependencies stay out of the caller's classpath.
 *
 * <p>Layout of {@code dataDir}: {@code server.properties} (rewritten at every start, so ports may
 * change), {@code logs/} (the topics and the KRaft metadata; formatted once, kept across restarts),
 * {@code kafka.log} (the broker's own log), {@code format.log}.
 */
public final class LocalKafka implements AutoCloseable {

    // java.util.logging rather than System.Logger: under Quarkus tests the latter goes through JBoss
    // LogManager's LoggerFinder, which complains when JUL was initialised before it.
    private static final Logger LOG = Logger.getLogger(LocalKafka.class.getName());
    /**
     * C1 only ({@code TieredStopAtLevel=1}): on a busy 2-core machine the broker was ready in a median
     * 5.9 s with it against 13.5 s without (ColdStartBenchmark); a local broker never runs hot enough
     * for C2 to pay back its compile time. Serial GC: one core's worth of heap work is plenty.
     */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS");
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(120);
    /** Kafka's controlled shutdown flushes logs and writes a clean-shutdown marker; give it time. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final int RANDOM_PORT_ATTEMPTS = 3;
    private static final int NODE_ID = 1;

    private final StackHome home;
    private final Path dataDir;
    private final int requestedPort;
    private final int requestedControllerPort;
    private ChildProcess process;
    private String bootstrapServers;
    /** The ports the broker last ran on, for {@link #restart()}. */
    private int port;
    private int controllerPort;

    /**
     * @param port           the client (PLAINTEXT) port, 0 for a random free one
     * @param controllerPort the KRaft controller port, 0 for a random free one
     */
    public LocalKafka(StackHome home, Path dataDir, int port, int controllerPort) {
        if (port < 0 || port > 65_535 || controllerPort < 0 || controllerPort > 65_535) {
            throw new IllegalArgumentException("Kafka ports must be 0..65535, got " + port + " and " + controllerPort);
        }
        if (port != 0 && port == controllerPort) {
            throw new IllegalArgumentException("Kafka client and controller ports must differ, both are " + port);
        }
        this.home = home;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.requestedPort = port;
        this.requestedControllerPort = controllerPort;
    }

    /**
     * Formats the storage if this data folder has none yet, starts the broker and waits until it
     * describes its cluster; returns the bootstrap servers ({@code 127.0.0.1:port}).
     */
    public synchronized String start() {
        if (process != null) {
            throw new IllegalStateException("already started");
        }
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            int port = Ports.resolve(requestedPort, "Kafka");
            int controllerPort = Ports.resolve(requestedControllerPort, "Kafka controller");
            if (port == controllerPort) {
                continue; // two random picks can coincide
            }
            try {
                return launch(port, controllerPort, started);
            } catch (Readiness.ProcessDied e) {
                // A random port can be taken between choosing it and the broker binding it.
                if ((requestedPort != 0 && requestedControllerPort != 0) || attempt == RANDOM_PORT_ATTEMPTS) {
                    throw e;
                }
                LOG.log(Level.WARNING, "Kafka died on ports {0}/{1}, retrying on others: {2}",
                        new Object[] {String.valueOf(port), String.valueOf(controllerPort), e.getMessage()});
            }
        }
    }

    /**
     * Starts the broker again after {@link #stop()}, on the same ports and data, so that its clients find it where
     * they left it: a broker that went down and came back, with every record it had acknowledged.
     *
     * @return the bootstrap servers, unchanged
     */
    public synchronized String restart() {
        if (process != null) {
            throw new IllegalStateException("Kafka is running");
        }
        if (bootstrapServers == null) {
            throw new IllegalStateException("Kafka was never started: start() it");
        }
        // No Ports.resolve here: the port is ours, and the connections the broker closed linger on it (TIME_WAIT),
        // which a bind without SO_REUSEADDR refuses while the broker's own listener (with it) binds fine.
        return launch(port, controllerPort, System.nanoTime());
    }

    /**
     * Stops the broker the way an operator does (SIGTERM: a controlled shutdown, then SIGKILL after 30 s), keeping
     * its data and ports for {@link #restart()}. Its clients see connections refused until then.
     */
    public synchronized void stop() {
        running().close();
        process = null;
    }

    private String launch(int port, int controllerPort, long started) {
        Path config = writeServerProperties(port, controllerPort);
        String clusterId = formatIfNeeded(config);
        String candidate = Ports.HOST + ":" + port;
        ChildProcess child = ChildProcess.start("Kafka", new JavaCommand(JVM_OPTIONS,
                List.of(home.kafkaClasspath()), "kafka.Kafka", List.of(config.toString())),
                dataDir, dataDir.resolve("kafka.log"), STOP_GRACE);
        try {
            awaitCluster(child, candidate, clusterId);
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
        process = child;
        bootstrapServers = candidate;
        this.port = port;
        this.controllerPort = controllerPort;
        LOG.log(Level.INFO, "Kafka ready at {0} in {1} ms (cluster {2}, pid {3}, log {4})", new Object[] {
            candidate, String.valueOf((System.nanoTime() - started) / 1_000_000), clusterId,
            String.valueOf(child.pid()), child.logFile()});
        return bootstrapServers;
    }

    /** The broker configuration: one node, everything replicated once, tuned for tests and small machines. */
    static Properties serverProperties(Path logDir, int port, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", String.valueOf(NODE_ID));
        // A static quorum: nothing about the controller's address is stored, so ports may change between runs.
        p.setProperty("controller.quorum.voters", NODE_ID + "@" + Ports.HOST + ":" + controllerPort);
        p.setProperty("listeners",
                "PLAINTEXT://" + Ports.HOST + ":" + port + ",CONTROLLER://" + Ports.HOST + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + Ports.HOST + ":" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        // Topics created on first use get 3 partitions, so consumer groups can be seen sharing them.
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("num.partitions", "3");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        // Internal topics: one replica (one broker), and few partitions: 50 each cost seconds to create.
        for (String topic : List.of("offsets.topic", "transaction.state.log", "share.coordinator.state.topic")) {
            p.setProperty(topic + ".replication.factor", "1");
            p.setProperty(topic + ".num.partitions", "5");
        }
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        // Tests form groups at once instead of waiting 3 s for more members.
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Small-machine sizing: defaults are 8 I/O threads and a 128 MiB compaction buffer.
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "4");
        p.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        return p;
    }

    private Path writeServerProperties(int port, int controllerPort) {
        Path config = dataDir.resolve("server.properties");
        try {
            Files.createDirectories(logDir());
            try (Writer writer = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
                serverProperties(logDir(), port, controllerPort).store(writer, "written by LocalKafka at every start");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        return config;
    }

    /** Formats the storage only once per data folder (that is what keeps topics across restarts). */
    private String formatIfNeeded(Path config) {
        Path meta = logDir().resolve("meta.properties");
        if (!Files.isRegularFile(meta)) {
            String clusterId = Uuid.randomUuid().toString();
            ChildProcess format = ChildProcess.start("Kafka storage format", new JavaCommand(JVM_OPTIONS,
                    List.of(home.kafkaClasspath()), "kafka.tools.StorageTool",
                    List.of("format", "-t", clusterId, "-c", config.toString())),
                    dataDir, dataDir.resolve("format.log"), Duration.ofSeconds(5));
            int exit = format.awaitExit(FORMAT_TIMEOUT);
            if (exit != 0 || !Files.isRegularFile(meta)) {
                throw new IllegalStateException("formatting Kafka storage in " + logDir() + " failed (exit " + exit
                        + "); last lines of " + format.logFile() + ":" + System.lineSeparator() + format.logTail(30));
            }
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + meta, e);
        }
        String clusterId = properties.getProperty("cluster.id");
        if (clusterId == null) {
            throw new IllegalStateException(meta + " has no cluster.id; delete " + dataDir + " to start afresh");
        }
        return clusterId;
    }

    /** Ready = our cluster (same id as in our storage) answers on the port with a broker. */
    private static void awaitCluster(ChildProcess child, String bootstrap, String clusterId) {
        AtomicReference<Admin> admin = new AtomicReference<>();
        try {
            Readiness.await(child, Readiness.STARTUP_TIMEOUT, () -> {
                if (admin.get() == null) {
                    // Only once the port accepts connections: the admin client logs a warning per refused one.
                    if (!acceptsConnections(bootstrap)) {
                        return Optional.of("port not open");
                    }
                    admin.set(Admin.create(adminProperties(bootstrap)));
                }
                DescribeClusterResult cluster =
                        admin.get().describeCluster(new DescribeClusterOptions().timeoutMs(3_000));
                String answered = cluster.clusterId().get();
                if (!clusterId.equals(answered)) {
                    return Optional.of("cluster " + answered + " answers instead of ours (" + clusterId + ")");
                }
                return cluster.nodes().get().isEmpty() ? Optional.of("no broker registered yet") : Optional.empty();
            });
        } finally {
            if (admin.get() != null) {
                admin.get().close(Duration.ofSeconds(2));
            }
        }
    }

    private static boolean acceptsConnections(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort.substring(0, colon),
                    Integer.parseInt(hostPort.substring(colon + 1))), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Properties adminProperties(String bootstrap) {
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.setProperty(AdminClientConfig.CLIENT_ID_CONFIG, "local-stack-readiness");
        p.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        p.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        return p;
    }

    private Path logDir() {
        return dataDir.resolve("logs");
    }

    public synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("Kafka not started");
        }
        return bootstrapServers;
    }

    /** Process id of the broker, for callers that must know whether it is still alive. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("Kafka not started");
        }
        return process.pid();
    }

    /**
     * Freezes the broker (SIGSTOP) until {@link #resume()}: it keeps its port and connections and answers nothing, as
     * a hung or partitioned broker does (its clients see timeouts, not refusals).
     */
    public synchronized void pause() {
        running().pause();
    }

    /** Lets a {@link #pause() paused} broker run on (SIGCONT). */
    public synchronized void resume() {
        running().resume();
    }

    private ChildProcess running() {
        if (process == null) {
            throw new IllegalStateException("Kafka not started");
        }
        return process;
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
