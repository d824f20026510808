package dev.digitgan.trainer.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import io.minio.messages.ErrorResponse;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The retry decisions with the clock and the sleep in memory: which errors are tried again, the waits, the deadline
 * and the error that names it. The real server (a paused S3Proxy, wrong keys) is CheckpointStoreOutageTest's.
 */
class S3RetryTest {

    private final AtomicLong nanos = new AtomicLong();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();

    private S3Retry retry(Duration retryFor) {
        return new S3Retry(retryFor, S3Retry.WAITS, nanos::get, wait -> {
            waits.add(wait);
            nanos.addAndGet(wait.toNanos());
        });
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void transientFailuresAreTriedAgainAfterDoublingWaitsUntilTheOperationSucceeds() {
        String result = retry(Duration.ofMinutes(2)).call("store checkpoint 1 of run r", () -> {
            if (attempts.incrementAndGet() <= 4) {
                throw new StorageException("cannot write", new ConnectException("Connection refused"));
            }
            return "stored";
        });

        assertThat(result).isEqualTo("stored");
        assertThat(attempts).hasValue(5);
        assertThat(waits).extracting(Duration::toMillis).containsExactly(500L, 1000L, 2000L, 4000L);
    }

    @Test
    void theWaitIsCappedAtTenSeconds() {
        S3Retry retry = retry(Duration.ofMinutes(10));
        IllegalStateException timeout = new IllegalStateException(new SocketTimeoutException("timeout"));

        assertThat(List.of(1, 5, 6, 7, 50)).map(n -> retry.waitAfter(timeout, n, Duration.ZERO).orElseThrow())
                .extracting(Duration::toMillis).containsExactly(500L, 8000L, 10_000L, 10_000L, 10_000L);
    }

    @Test
    void aRefusalFailsAtTheFirstTryWithTheErrorAsItWas() {
        StorageException denied = new StorageException("cannot write b/k", s3Error(403, "AccessDenied"));

        assertThatThrownBy(() -> retry(Duration.ofMinutes(2)).call("store", () -> {
            attempts.incrementAndGet();
            throw denied;
        })).isSameAs(denied);
        assertThat(attempts).hasValue(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void theLastTryStartsAtTheDeadlineThenTheErrorNamesTheDeadlineAndTheLastCause() {
        List<Long> startedAtMillis = new CopyOnWriteArrayList<>();
        StorageException last = new StorageException("cannot stat", new SocketTimeoutException("read timed out"));

        // Every try takes 1 s (a hung server's read timeout): tries start at 0, 1.5, 3.5 and, cut to the deadline, 5 s.
        assertThatThrownBy(() -> retry(Duration.ofSeconds(5)).call("store checkpoint 2 of run r", () -> {
            startedAtMillis.add(nanos.get() / 1_000_000);
            nanos.addAndGet(Duration.ofSeconds(1).toNanos());
            throw last;
        }))
                .isInstanceOf(StorageException.class)
                .hasCause(last)
                .hasMessage("store checkpoint 2 of run r failed 4 time(s) in 6.0 s; gave up: S3 errors are retried"
                        + " for 5.0 s (digitgan.trainer.s3-retry-for). Last error: cannot stat");
        assertThat(startedAtMillis).containsExactly(0L, 1500L, 3500L, 5000L);
        assertThat(waits).extracting(Duration::toMillis).containsExactly(500L, 1000L, 500L);
    }

    @Test
    void retryForZeroFailsAtTheFirstTransientErrorToo() {
        assertThatThrownBy(() -> retry(Duration.ZERO).call("read request of run r", () -> {
            attempts.incrementAndGet();
            throw new StorageException("cannot read", new EOFException("unexpected end of stream"));
        })).hasMessageContaining("failed 1 time(s)").hasMessageContaining("retried for 0.0 s");
        assertThat(attempts).hasValue(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void anInterruptedWaitEndsTheRetriesAndKeepsTheInterrupt() {
        S3Retry retry = new S3Retry(Duration.ofMinutes(2), S3Retry.WAITS, nanos::get, wait -> {
            throw new InterruptedException();
        });

        assertThatThrownBy(() -> retry.call("list checkpoints of run r", () -> {
            throw new StorageException("cannot list", new ConnectException("Connection refused"));
        })).hasMessage("interrupted while waiting to retry list checkpoints of run r");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void aNegativeRetryForIsRefused() {
        assertThatThrownBy(() -> new S3Retry(Duration.ofSeconds(-1)))
                .hasMessageContaining("digitgan.trainer.s3-retry-for must not be negative");
    }

    @Test
    void networkErrorsTimeoutsAndServerErrorsAreTransient() {
        assertThat(S3Retry.isTransient(new StorageException("x", new ConnectException("Connection refused"))))
                .isTrue();
        assertThat(S3Retry.isTransient(new StorageException("x", new SocketTimeoutException("timeout")))).isTrue();
        assertThat(S3Retry.isTransient(new StorageException("x", new EOFException()))).isTrue();
        assertThat(S3Retry.isTransient(new StorageException("x", s3Error(500, "InternalError")))).isTrue();
        assertThat(S3Retry.isTransient(new StorageException("x", s3Error(503, "ServiceUnavailable")))).isTrue();
        assertThat(S3Retry.isTransient(new StorageException("x", s3Error(503, "SlowDown")))).isTrue();
        assertThat(S3Retry.isTransient(new StorageException("x", s3Error(429, "TooManyRequests")))).isTrue();
        assertThat(S3Retry.isTransient(new StorageException("x", s3Error(400, "RequestTimeout")))).isTrue();
        assertThat(S3Retry.isTransient(new StorageException("x",
                new ServerException("server failed with HTTP status code 502", 502, "trace")))).isTrue();
        assertThat(S3Retry.isTransient(new StorageException("x",
                new InvalidResponseException(504, "text/html", "<html>Gateway Timeout</html>", "trace")))).isTrue();
    }

    @Test
    void refusalsAndWrongBytesAreNot() {
        assertThat(S3Retry.isTransient(new StorageException("x", s3Error(403, "AccessDenied")))).isFalse();
        assertThat(S3Retry.isTransient(new StorageException("x", s3Error(403, "SignatureDoesNotMatch")))).isFalse();
        assertThat(S3Retry.isTransient(new StorageException("x", s3Error(403, "InvalidAccessKeyId")))).isFalse();
        assertThat(S3Retry.isTransient(new StorageException("x", s3Error(404, "NoSuchBucket")))).isFalse();
        assertThat(S3Retry.isTransient(new StorageException("x", s3Error(404, "NoSuchKey")))).isFalse();
        assertThat(S3Retry.isTransient(new StorageException("x",
                new InvalidResponseException(403, "text/html", "<html>Forbidden</html>", "trace")))).isFalse();
        assertThat(S3Retry.isTransient(new StorageException("stat of b/k reports 10 bytes, wrote 20"))).isFalse();
        assertThat(S3Retry.isTransient(new IllegalArgumentException("checkpoint zip is empty"))).isFalse();
    }

    private static ErrorResponseException s3Error(int status, String code) {
        Response response = new Response.Builder()
                .request(new Request.Builder().url("http://127.0.0.1:9000/digitgan/k").build())
                .protocol(Protocol.HTTP_1_1)
                .code(status)
                .message(code)
                .build();
        return new ErrorResponseException(new ErrorResponse(code, code + " message", "digitgan", "k", "/digitgan/k",
                "request-1", "host-1"), response, "trace");
    }
}
