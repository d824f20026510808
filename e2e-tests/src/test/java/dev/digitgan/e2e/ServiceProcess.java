package dev.digitgan.e2e;

import static org.awaitility.Awaitility.await;

import dev.digitgan.stack.ChildProcess;
import dev.digitgan.stack.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A packaged Quarkus service started the way production starts it, {@code java -jar .../quarkus-run.jar}, as a
 * local-stack {@link ChildProcess} (the project's one process runner) on a free HTTP port.
 *
 * <p>Unlike local-stack's servers the services get no orphan guard, because that would mean replacing
 * {@code java -jar} with a wrapper main class (see the README).
 */
final class ServiceProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final ChildProcess process;
    private final URI baseUri;

    private ServiceProcess(ChildProcess process, URI baseUri) {
        this.process = process;
        this.baseUri = baseUri;
    }

    /**
     * @param jar the service's {@code target/quarkus-app/quarkus-run.jar}
     * @param env added to this JVM's environment (the services read their configuration from it), with
     *            {@code QUARKUS_HTTP_PORT} set to a free port
     */
    static ServiceProcess start(String name, Path jar, Map<String, String> env, Path logFile) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " is not packaged: " + jar + " is missing; build it with "
                    + "`mvn -B package -DskipTests -pl " + name + " -am` (or run `mvn verify` from the root)");
        }
        int httpPort = Ports.free();
        Map<String, String> environment = new LinkedHashMap<>(env);
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        List<String> line = List.of(ChildProcess.javaOfThisJvm().toString(), "-jar", jar.toString());
        ChildProcess process = ChildProcess.start(name, line, environment, jar.getParent(), logFile, STOP_GRACE);
        return new ServiceProcess(process, URI.create("http://" + Ports.HOST + ":" + httpPort));
    }

    String name() {
        return process.name();
    }

    URI uri(String pathAndQuery) {
        return baseUri.resolve(pathAndQuery);
    }

    ProcessHandle handle() {
        return process.handle();
    }

    /** Throws (an IllegalStateException, which ends a poll at once) if the service has exited. */
    void requireAlive() {
        process.requireAlive();
    }

    /** What a failure message about this service should end with: where the log is and its last lines. */
    String failureContext() {
        return process.failureContext();
    }

    /** The last lines of the service's log. */
    String logTail(int lines) {
        return process.logTail(lines);
    }

    /** Freezes the service (SIGSTOP): a process that hangs, or a machine cut off, as the others see it. */
    void pause() {
        process.pause();
    }

    /** Lets a paused service run on (SIGCONT). */
    void resume() {
        process.resume();
    }

    /** SIGKILL, and waits until the process is gone: a crash (no shutdown hook, no last checkpoint). */
    void kill() {
        process.kill();
        process.close();
    }

    /**
     * Waits until {@code /q/health/ready} answers 200; a poll whose message says what was last seen, ended at once
     * if the service exits.
     */
    void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        await(name() + " /q/health/ready to answer 200").atMost(timeout).pollInterval(Duration.ofMillis(250))
                .pollInSameThread().untilAsserted(() -> {
                    requireAlive();
                    String last;
                    try {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/q/health/ready"))
                                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200) {
                            return;
                        }
                        last = response.statusCode() + " " + response.body();
                    } catch (IOException e) {
                        last = e.toString();
                    }
                    throw new AssertionError("last seen: " + last + failureContext());
                });
    }

    /** Sends SIGTERM without waiting, so that several services shut down side by side; {@link #close()} waits. */
    void requestStop() {
        process.requestStop();
    }

    /** Stops the service: SIGTERM, up to 30 s for its shutdown, then SIGKILL. Idempotent. */
    @Override
    public void close() {
        process.close();
    }
}
