package dev.digitgan.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.stack.testkit.TestKafka;
import dev.digitgan.stack.testkit.TestS3;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real S3Proxy started by {@link LocalS3}, through the MinIO client the services use. */
class LocalS3Test {

    private static Path dataDir;
    private static LocalS3 s3;
    private static URI endpoint;
    private static MinioClient minio;

    @BeforeAll
    static void startServer() {
        dataDir = DataDirs.newUnderTarget();
        s3 = new LocalS3(StackHome.locate(), dataDir.resolve("s3"), 0, S3Credentials.random());
        endpoint = s3.start();
        minio = TestS3.client(endpoint, s3.credentials());
    }

    @AfterAll
    static void stopServer() {
        if (s3 != null) {
            long pid = s3.pid();
            s3.close();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
        DataDirs.deleteUnlessKept(dataDir);
    }

    @Test
    void endpointIsLoopbackHttp() {
        assertThat(endpoint.getScheme()).isEqualTo("http");
        assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
        assertThat(endpoint.getPort()).isPositive();
    }

    @Test
    void bucketAndObjectLifecycleThroughMinio() throws Exception {
        String bucket = TestKafka.unique("lifecycle");
        minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        assertThat(minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())).isTrue();

        byte[] content = new byte[200_000];
        new Random(42).nextBytes(content);
        String key = "runs/r1/checkpoints/00000001.zip";
        minio.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(new ByteArrayInputStream(content), content.length, -1)
                .contentType("application/zip")
                .userMetadata(Map.of("sha256", "abc123", "run-id", "r1"))
                .build());

        StatObjectResponse stat = minio.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
        assertThat(stat.size()).isEqualTo(content.length);
        assertThat(stat.contentType()).isEqualTo("application/zip");
        assertThat(stat.userMetadata()).containsEntry("sha256", "abc123").containsEntry("run-id", "r1");

        try (GetObjectResponse object = minio.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            assertThat(object.readAllBytes()).isEqualTo(content);
        }

        minio.putObject(PutObjectArgs.builder().bucket(bucket).object("runs/r2/grids/00000001.png")
                .stream(new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, -1).build());
        assertThat(keys(bucket, "runs/r1/")).containsExactly(key);
        assertThat(keys(bucket, "runs/")).hasSize(2);

        minio.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        assertThat(keys(bucket, "runs/r1/")).isEmpty();
        assertThatThrownBy(() -> minio.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()))
                .isInstanceOf(ErrorResponseException.class)
                .satisfies(e -> assertThat(((ErrorResponseException) e).errorResponse().code()).isEqualTo("NoSuchKey"));
    }

    @Test
    void objectsAreFilesUnderTheDataFolder() throws Exception {
        String bucket = TestKafka.unique("files");
        s3.createBucket(bucket);
        minio.putObject(PutObjectArgs.builder().bucket(bucket).object("a/b.txt")
                .stream(new ByteArrayInputStream("hello".getBytes()), 5, -1).build());
        assertThat(Files.readString(
                dataDir.resolve("s3").resolve("buckets").resolve(bucket).resolve("a").resolve("b.txt")))
                .isEqualTo("hello");
    }

    @Test
    void createBucketIsIdempotentAndVisibleToMinio() throws Exception {
        String bucket = TestKafka.unique("created");
        s3.createBucket(bucket);
        s3.createBucket(bucket);
        assertThat(minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())).isTrue();
    }

    @Test
    void wrongSecretIsRejected() {
        MinioClient intruder =
                TestS3.client(endpoint, new S3Credentials(s3.credentials().accessKey(), "not-the-secret"));
        assertThatThrownBy(() -> intruder.bucketExists(BucketExistsArgs.builder().bucket("anything").build()))
                .isInstanceOf(ErrorResponseException.class)
                .satisfies(e -> assertThat(((ErrorResponseException) e).response().code()).isEqualTo(403));
    }

    private static List<String> keys(String bucket, String prefix) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> result : minio.listObjects(
                ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
            keys.add(result.get().objectName());
        }
        return keys;
    }
}
