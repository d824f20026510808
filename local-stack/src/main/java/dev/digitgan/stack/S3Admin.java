package dev.digitgan.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two S3 calls the stack itself needs, as signed HTTP requests (AWS signature version 2, which
 * S3Proxy accepts with {@code s3proxy.authorization=aws-v2-or-v4}): list buckets, to know that the
 * server on the port is ours and accepts our keys, and create bucket.
 *
 * <p>Plain JDK on purpose: an S3 client library here would be inherited by every module that uses
 * the test resource, and the services bring their own (MinIO) anyway.
 */
final class S3Admin {

    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final URI endpoint;
    private final S3Credentials credentials;
    private final HttpClient http;

    S3Admin(URI endpoint, S3Credentials credentials) {
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** HTTP status of an authenticated "list buckets"; 200 means our server with our keys. */
    int listBucketsStatus() throws IOException, InterruptedException {
        return send("GET", "/").statusCode();
    }

    /** Creates {@code bucket}; succeeds if it exists already and is ours. */
    void createBucket(String bucket) {
        requireValidBucketName(bucket);
        try {
            HttpResponse<String> response = send("PUT", "/" + bucket);
            boolean ours = response.statusCode() == 409 && response.body().contains("BucketAlreadyOwnedByYou");
            if (response.statusCode() / 100 != 2 && !ours) {
                throw new IllegalStateException("creating bucket " + bucket + " at " + endpoint + " failed: HTTP "
                        + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("creating bucket " + bucket + " at " + endpoint + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating bucket " + bucket, e);
        }
    }

    static void requireValidBucketName(String bucket) {
        if (bucket == null || !BUCKET_NAME.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("invalid S3 bucket name: " + bucket
                    + " (3-63 characters of a-z, 0-9, '.', '-', starting and ending with a letter or digit)");
        }
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        String date = HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
        // Signature v2 string to sign: verb, Content-MD5, Content-Type, Date (empty: x-amz-date is
        // used because java.net.http does not let callers set Date), amz headers, resource.
        String stringToSign = method + "\n\n\n\nx-amz-date:" + date + "\n" + path;
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve(path))
                .timeout(Duration.ofSeconds(5))
                .header("x-amz-date", date)
                .header("Authorization", "AWS " + credentials.accessKey() + ":" + sign(stringToSign))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private String sign(String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(credentials.secretKey().getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable in this JVM", e);
        }
    }
}
