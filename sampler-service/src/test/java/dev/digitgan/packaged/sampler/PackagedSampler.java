package dev.digitgan.packaged.sampler;

import dev.digitgan.stack.ChildProcess;
import dev.digitgan.stack.LocalStack;
import dev.digitgan.stack.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * The packaged sampler ({@code target/quarkus-app/quarkus-run.jar}) as a child process, started the way production
 * starts it ({@code java [JVM options] -jar}), on a local-stack's Kafka and S3, on a free port. Failsafe runs its
 * tests after {@code package}, so the jar is the one the build just made. The package is outside
 * {@code dev.digitgan.sampler} so that {@code -Dtest=dev.digitgan.sampler.**} (surefire, before {@code package})
 * does not pick these tests up.
 */
final class PackagedSampler implements AutoCloseable {

    private final ChildProcess process;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private PackagedSampler(ChildProcess process, URI base) {
        this.process = process;
        this.base = base;
    }

    /**
     * @param jvmOptions e.g. {@code -Xmx820m}
     * @param env        settings beyond the stack's endpoints (DIGITGAN_SAMPLER_*)
     */
    static PackagedSampler start(String name, LocalStack.Endpoints stack, List<String> jvmOptions,
                                 Map<String, String> env) {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path jar = module.resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the sampler first (`mvn -B -pl sampler-service"
                    + " -am verify` runs these tests after packaging it)");
        }
        int port = Ports.free();
        Map<String, String> environment = new LinkedHashMap<>(stack.environment());
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        environment.put("DIGITGAN_SAMPLER_GROUP_ID", name + "-" + System.nanoTime());
        // the load journal of this start only (the default is a folder per group id under java.io.tmpdir)
        environment.put("DIGITGAN_SAMPLER_STATE_DIR",
                module.resolve("target/packaged/" + environment.get("DIGITGAN_SAMPLER_GROUP_ID")).toString());
        environment.put("OMP_NUM_THREADS", "1");
        environment.put("OMP_WAIT_POLICY", "PASSIVE");
        // The packaged sampler runs in the prod profile, where it does not start without an admin account of its own
        // (AdminPasswordCheck): one per start unless the test brings its own.
        environment.put("DIGITGAN_SAMPLER_ADMIN_USER", "packaged-admin");
        environment.put("DIGITGAN_SAMPLER_ADMIN_PASSWORD", java.util.UUID.randomUUID().toString());
        environment.putAll(env);
        List<String> line = new ArrayList<>();
        line.add(ChildProcess.javaOfThisJvm().toString());
        line.addAll(jvmOptions);
        line.add("-jar");
        line.add(jar.toString());
        Path log = module.resolve("target/packaged/" + name + ".log");
        ChildProcess process = ChildProcess.start(name, line, environment, jar.getParent(), log,
                Duration.ofSeconds(20));
        return new PackagedSampler(process, URI.create("http://" + Ports.HOST + ":" + port));
    }

    /** Waits until readiness answers 200 (a model, caught up with the checkpoint topic). */
    PackagedSampler awaitReady(Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(250))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    process.requireAlive();
                    return get("/q/health/ready").statusCode() == 200;
                });
        return this;
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A PUT with a JSON body and basic auth. */
    HttpResponse<String> put(String path, String json, String user, String password)
            throws IOException, InterruptedException {
        String login = java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Authorization", "Basic " + login)
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    URI uri(String pathAndQuery) {
        return base.resolve(pathAndQuery);
    }

    int port() {
        return base.getPort();
    }

    long pid() {
        return process.pid();
    }

    void requireAlive() {
        process.requireAlive();
    }

    String failureContext() {
        return process.failureContext();
    }

    /** Peak resident memory of the process so far (VmHWM), in bytes. */
    long peakRssBytes() throws IOException {
        return procStatusKb("VmHWM:") * 1024;
    }

    private long procStatusKb(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("no " + field + " in /proc/" + pid() + "/status");
    }

    @Override
    public void close() {
        process.close();
    }
}
