package dev.digitgan.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A packaged Quarkus service started the way production starts it, {@code java -jar .../quarkus-run.jar}, in a
 * child process whose stdout and stderr go to a log file.
 *
 * <p>{@link #close()} sends SIGTERM (the service's shutdown hooks run), waits, then kills. A JVM shutdown hook does
 * the same if the test JVM exits without closing it. local-stack's child-process helpers are package-private, so
 * this is a small one of its own; unlike local-stack's children the services get no orphan guard, because that
 * would mean replacing {@code java -jar} with a wrapper main class (see the README).
 */
final class ServiceProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path logFile;
    private final URI baseUri;
    private final Thread shutdownHook;
    private boolean closed;

    private ServiceProcess(String name, Process process, Path logFile, URI baseUri) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.baseUri = baseUri;
        this.shutdownHook = new Thread(this::stop, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * @param jar      the service's {@code target/quarkus-app/quarkus-run.jar}
     * @param env      added to this JVM's environment (the services read their configuration from it)
     * @param httpPort passed as {@code QUARKUS_HTTP_PORT}
     */
    static ServiceProcess start(String name, Path jar, Map<String, String> env, int httpPort, Path logFile) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " is not packaged: " + jar + " is missing; build it with "
                    + "`mvn -B package -DskipTests -pl " + name + " -am` (or run `mvn verify` from the root)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(jar.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        try {
            Files.createDirectories(logFile.getParent());
            Process process = builder.start();
            return new ServiceProcess(name, process, logFile, URI.create("http://127.0.0.1:" + httpPort));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    String name() {
        return name;
    }

    URI uri(String pathAndQuery) {
        return baseUri.resolve(pathAndQuery);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    Path logFile() {
        return logFile;
    }

    /** Throws, with the end of the log, if the process has exited: a dead service never becomes ready. */
    void requireAlive() {
        if (!process.isAlive()) {
            throw new AssertionError(name + " exited with code " + process.exitValue() + failureContext());
        }
    }

    /** What a failure message about this service should end with: where the log is and its last lines. */
    String failureContext() {
        return System.lineSeparator() + "--- last 40 lines of " + logFile + " ---" + System.lineSeparator()
                + logTail(40);
    }

    String logTail(int maxLines) {
        Deque<String> tail = new ArrayDeque<>();
        try (Stream<String> lines = Files.lines(logFile, StandardCharsets.UTF_8)) {
            lines.forEach(line -> {
                tail.addLast(line);
                if (tail.size() > maxLines) {
                    tail.removeFirst();
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
        return String.join(System.lineSeparator(), tail);
    }

    /** Sends SIGTERM without waiting, so that several services shut down side by side; {@link #close()} waits. */
    void requestStop() {
        process.destroy();
    }

    /** Stops the service: SIGTERM, up to 30 s for its shutdown, then SIGKILL. Idempotent. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is exiting; the hook finds the process stopped.
        }
    }

    /** @return the exit code, or -1 if it had to be killed */
    synchronized int stop() {
        if (closed) {
            return process.isAlive() ? -1 : process.exitValue();
        }
        closed = true;
        try {
            process.destroy();
            if (process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
            System.err.printf("e2e: %s did not stop within %s of SIGTERM; killing it%n", name, STOP_GRACE);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            return -1;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
