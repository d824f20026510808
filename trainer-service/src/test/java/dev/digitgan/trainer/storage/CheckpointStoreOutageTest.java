package dev.digitgan.trainer.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.digitgan.model.events.ObjectLayout;
import dev.digitgan.stack.LocalS3;
import dev.digitgan.stack.S3Credentials;
import dev.digitgan.stack.StackHome;
import dev.digitgan.stack.testkit.TestS3;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store's retries against a real S3Proxy of its own, frozen (SIGSTOP) under it: a hung server, which takes
 * connections and answers nothing, so every try ends in the client's timeout. A store tried during a few seconds of
 * it succeeds once S3 answers again, with complete objects; an outage longer than the deadline fails the store naming
 * the deadline; a refusal fails at the first try. Each prints its figures.
 */
class CheckpointStoreOutageTest {

    private static final String BUCKET = "outage";
    /** Connect, write and read timeout of the test's client: a try against the frozen server ends after 1 s. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration OUTAGE = Duration.ofSeconds(6);

    private static LocalS3 s3;
    private static URI endpoint;
    private static MinioClient client;

    private final byte[] zip = random(2_000_000, 1);
    private final byte[] grid = random(30_000, 2);
    private final String runId = "outage-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startServer() {
        Path dir = Path.of("target", "s3-outage-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        s3 = new LocalS3(StackHome.locate(), dir, 0, S3Credentials.random());
        endpoint = s3.start();
        s3.createBucket(BUCKET);
        client = timedClient(s3.credentials());
    }

    @AfterEach
    void resumeServer() {
        s3.resume(); // SIGCONT to a running process changes nothing; a failed test must not leave it frozen
    }

    @AfterAll
    static void stopServer() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void aStoreTriedDuringAFewSecondsOfOutageSucceedsWhenS3AnswersAgainWithCompleteObjects() throws Exception {
        CheckpointStore store = new CheckpointStore(client, BUCKET, new S3Retry(Duration.ofSeconds(60)));

        s3.pause();
        long pausedAt = System.nanoTime();
        CompletableFuture<StoredCheckpoint> storing = CompletableFuture.supplyAsync(
                () -> store.store(runId, 1, zip, grid));
        await().during(OUTAGE).atMost(OUTAGE.plusSeconds(5)).until(() -> !storing.isDone());
        s3.resume();
        long resumedAt = System.nanoTime();
        StoredCheckpoint stored = storing.get(60, TimeUnit.SECONDS);
        long storedAt = System.nanoTime();

        assertThat(stored.sizeBytes()).isEqualTo(zip.length);
        assertThat(stored.sha256()).isEqualTo(CheckpointStore.sha256(zip));
        assertThat(get(ObjectLayout.checkpointKey(runId, 1))).as("the zip, whole").isEqualTo(zip);
        assertThat(get(ObjectLayout.gridKey(runId, 1))).as("the grid, whole").isEqualTo(grid);
        assertThat(store.read(runId, 1)).isEqualTo(zip);
        System.out.printf(Locale.ROOT, "S3 frozen for %.1f s during a store of %,d bytes: stored %.1f s after S3 was"
                + " back, %.1f s after the store began%n", seconds(resumedAt - pausedAt), zip.length,
                seconds(storedAt - resumedAt), seconds(storedAt - pausedAt));
    }

    @Test
    void anOutageLongerThanTheDeadlineFailsTheStoreNamingTheDeadline() {
        Duration retryFor = Duration.ofSeconds(3);
        CheckpointStore store = new CheckpointStore(client, BUCKET, new S3Retry(retryFor));

        s3.pause();
        long started = System.nanoTime();
        assertThatThrownBy(() -> store.store(runId, 1, zip, grid))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("store checkpoint 1 of run " + runId + " failed ")
                .hasMessageContaining("gave up: S3 errors are retried for 3.0 s (digitgan.trainer.s3-retry-for)")
                .hasRootCauseInstanceOf(IOException.class);
        double tookSeconds = seconds(System.nanoTime() - started);
        s3.resume();

        // The last try starts at the deadline at the latest and ends with its timeout (okhttp may try it twice).
        assertThat(tookSeconds).isBetween(3.0, 3.0 + 2 * REQUEST_TIMEOUT.toSeconds() + 2.0);
        System.out.printf(Locale.ROOT, "S3 frozen, s3-retry-for %d s: the store failed after %.1f s%n",
                retryFor.toSeconds(), tookSeconds);
        assertThat(store.versions(runId)).as("S3 answers again, nothing was stored").isEmpty();
    }

    @Test
    void aRefusalFailsAtTheFirstTryNotAfterTheDeadline() {
        Duration retryFor = Duration.ofSeconds(60);
        CheckpointStore wrongKeys = new CheckpointStore(timedClient(S3Credentials.random()), BUCKET,
                new S3Retry(retryFor));
        long started = System.nanoTime();
        assertThatThrownBy(() -> wrongKeys.store(runId, 1, zip, grid))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("cannot reach or create bucket '" + BUCKET + "'")
                .hasMessageNotContaining("gave up")
                .cause().isInstanceOf(ErrorResponseException.class);

        CheckpointStore noBucket = new CheckpointStore(client, "no-such-bucket", new S3Retry(retryFor));
        assertThatThrownBy(() -> noBucket.read(runId, 1))
                .isInstanceOf(StorageException.class)
                .hasMessageNotContaining("gave up")
                .cause().isInstanceOf(ErrorResponseException.class)
                .extracting(e -> ((ErrorResponseException) e).errorResponse().code()).isEqualTo("NoSuchBucket");
        double tookSeconds = seconds(System.nanoTime() - started);
        assertThat(tookSeconds).as("both refusals, with a deadline of a minute").isLessThan(10);
        System.out.printf(Locale.ROOT, "wrong keys and a missing bucket, s3-retry-for %d s: both failed in %.1f s%n",
                retryFor.toSeconds(), tookSeconds);
    }

    private static MinioClient timedClient(S3Credentials credentials) {
        MinioClient timed = TestS3.client(endpoint, credentials);
        long millis = REQUEST_TIMEOUT.toMillis();
        timed.setTimeout(millis, millis, millis);
        return timed;
    }

    private static byte[] get(String key) throws Exception {
        try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(BUCKET).object(key).build())) {
            return in.readAllBytes();
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
