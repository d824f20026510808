package dev.digitgan.stack.testkit;

import dev.digitgan.stack.LocalStack;
import dev.digitgan.stack.S3Credentials;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The MinIO S3 client on the stack's server and bucket, as a service or a person reading objects uses it. */
public final class TestS3 {

    private final MinioClient client;
    private final String bucket;

    public TestS3(LocalStack.Endpoints endpoints) {
        this.client = client(endpoints.s3Endpoint(), endpoints.s3Credentials());
        this.bucket = endpoints.bucket();
    }

    /** Inside a {@code @QuarkusTest}: the server and bucket the application was given. */
    public static TestS3 fromRunningApplication() {
        return new TestS3(StackConfig.fromRunningApplication());
    }

    /** A client with any keys (wrong ones, to test refusals), for calls beyond this class's few. */
    public static MinioClient client(URI endpoint, S3Credentials credentials) {
        return MinioClient.builder()
                .endpoint(endpoint.toString())
                .credentials(credentials.accessKey(), credentials.secretKey())
                .region("us-east-1") // skips a location lookup per bucket
                .build();
    }

    public MinioClient client() {
        return client;
    }

    public String bucket() {
        return bucket;
    }

    public void put(String key, byte[] bytes, String contentType) {
        try {
            client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                    .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType(contentType).build());
        } catch (Exception e) {
            throw new IllegalStateException("cannot store s3://" + bucket + "/" + key, e);
        }
    }

    public byte[] get(String key) {
        try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return in.readAllBytes();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read s3://" + bucket + "/" + key, e);
        }
    }

    /** The keys under {@code prefix} (recursively), in the store's (lexicographic) order. */
    public List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        try {
            for (Result<Item> item : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix)
                    .recursive(true).build())) {
                keys.add(item.get().objectName());
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot list s3://" + bucket + "/" + prefix, e);
        }
        return keys;
    }

    public StatObjectResponse stat(String key) {
        try {
            return client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw new IllegalStateException("cannot stat s3://" + bucket + "/" + key, e);
        }
    }
}
