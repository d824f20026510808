package dev.digitgan.stack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * Real Kafka and real S3 for {@code @QuarkusTest}s:
 * {@code @WithTestResource(LocalStackTestResource.class)}.
 *
 * <p>Starts both servers on random ports with their data under {@code target/local-stack-<random>} of
 * the module under test, creates the bucket, and hands the application {@code kafka.bootstrap.servers},
 * {@code digitgan.s3.endpoint}, {@code digitgan.s3.access-key}, {@code digitgan.s3.secret-key} and
 * {@code digitgan.s3.bucket}.
 *
 * <p>Init args ({@code @ResourceArg}): {@value #BUCKET_ARG} (default {@value #DEFAULT_BUCKET});
 * {@value #SHARED_ARG} (default {@code true}): one stack for the whole test JVM, stopped when the JVM
 * exits, so test classes must use their own run ids and object keys. With {@code false} the test class
 * gets a stack of its own, stopped and deleted by {@link #stop()}.
 */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String SHARED_ARG = "shared";
    public static final String BUCKET_ARG = "bucket";
    public static final String DEFAULT_BUCKET = "digitgan";

    private boolean shared = true;
    private String bucket = DEFAULT_BUCKET;
    private LocalStack dedicated;

    @Override
    public void init(Map<String, String> initArgs) {
        String sharedArg = initArgs.getOrDefault(SHARED_ARG, "true");
        if (!sharedArg.equals("true") && !sharedArg.equals("false")) {
            throw new IllegalArgumentException(SHARED_ARG + " must be true or false, got '" + sharedArg + "'");
        }
        shared = Boolean.parseBoolean(sharedArg);
        bucket = initArgs.getOrDefault(BUCKET_ARG, DEFAULT_BUCKET);
        S3Admin.requireValidBucketName(bucket);
    }

    @Override
    public Map<String, String> start() {
        LocalStack.Endpoints endpoints;
        if (shared) {
            endpoints = JvmSharedStack.acquire(LocalStackTestResource::newStack, bucket);
            // A shared stack was started for the first user's bucket; later users may want another one.
            new S3Admin(endpoints.s3Endpoint(), endpoints.s3Credentials()).createBucket(bucket);
            endpoints = new LocalStack.Endpoints(endpoints.kafkaBootstrapServers(), endpoints.s3Endpoint(),
                    endpoints.s3Credentials(), bucket);
        } else {
            dedicated = newStack();
            endpoints = dedicated.start(bucket);
        }
        return endpoints.configProperties();
    }

    private static LocalStack newStack() {
        Path dataDir = DataDirs.newUnderTarget();
        return LocalStack.onRandomPorts(dataDir, S3Credentials.random());
    }

    @Override
    public void stop() {
        if (dedicated != null) {
            dedicated.close();
            DataDirs.deleteUnlessKept(dedicated.dataDir());
            dedicated = null;
        }
    }
}
