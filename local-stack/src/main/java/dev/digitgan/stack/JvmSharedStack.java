package dev.digitgan.stack;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One {@link LocalStack} per test JVM, shared by every {@link LocalStackTestResource} that asks for it.
 *
 * <p>Why JVM-wide state: a stack costs 10-20 s of two CPU cores to start, and Quarkus stops and
 * restarts test resources whenever consecutive test classes differ in profile or resources. The state
 * lives in one system property rather than a static field because Quarkus loads test resources in a
 * new class loader per application start, which would give each one its own static field. The stack
 * lives as long as the test JVM (a test-lifetime singleton): a shutdown hook stops it and deletes its
 * folder, and {@link OrphanGuard} stops it should that hook never run.
 */
final class JvmSharedStack {

    static final String PROPERTY = "digitgan.local-stack.shared";

    private JvmSharedStack() {
    }

    /**
     * The running shared stack's endpoints, or those of a new one from {@code starter} if there is none
     * or its processes have died.
     */
    static synchronized LocalStack.Endpoints acquire(Supplier<LocalStack> starter, String bucket) {
        Optional<LocalStack.Endpoints> running = decode(System.getProperty(PROPERTY));
        if (running.isPresent()) {
            return running.get();
        }
        LocalStack stack = starter.get();
        LocalStack.Endpoints endpoints = stack.start(bucket);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            DataDirs.deleteUnlessKept(stack.dataDir());
        }, "stop-shared-local-stack"));
        System.setProperty(PROPERTY, encode(endpoints, stack.pids()));
        return endpoints;
    }

    static String encode(LocalStack.Endpoints endpoints, long[] pids) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("kafka", endpoints.kafkaBootstrapServers());
        fields.put("s3", endpoints.s3Endpoint().toString());
        fields.put("access-key", endpoints.s3Credentials().accessKey());
        fields.put("secret-key", endpoints.s3Credentials().secretKey());
        fields.put("bucket", endpoints.bucket());
        fields.put("pids", Arrays.stream(pids).mapToObj(String::valueOf).collect(Collectors.joining(",")));
        // None of the values can contain a space (ports, URIs, hex keys, bucket names, numbers).
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    /** Empty if there is no shared stack or one of its processes is gone. */
    static Optional<LocalStack.Endpoints> decode(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            return Optional.empty();
        }
        Map<String, String> fields = Arrays.stream(encoded.split(" "))
                .map(field -> field.split("=", 2))
                .filter(pair -> pair.length == 2)
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1], (a, b) -> b));
        String pids = fields.getOrDefault("pids", "");
        boolean alive = !pids.isEmpty() && Arrays.stream(pids.split(","))
                .allMatch(pid -> ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false));
        if (!alive) {
            return Optional.empty();
        }
        return Optional.of(new LocalStack.Endpoints(fields.get("kafka"), URI.create(fields.get("s3")),
                new S3Credentials(fields.get("access-key"), fields.get("secret-key")), fields.get("bucket")));
    }
}
