package dev.digitgan.sampler.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class BackgroundProbeTest {

    @Test
    void aHungCheckMakesTheStatusDownWithoutBlockingItsReaders() throws Exception {
        CountDownLatch hang = new CountDownLatch(1);
        AtomicBoolean hung = new AtomicBoolean(false);
        AtomicInteger calls = new AtomicInteger();
        try (BackgroundProbe probe = new BackgroundProbe("test", () -> {
            calls.incrementAndGet();
            if (hung.get()) {
                hang.await();
            }
        }, Duration.ofMillis(50), Duration.ofMillis(300))) {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> probe.status().up());
            hung.set(true);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !probe.status().up());
            int duringHang = calls.get();
            long start = System.nanoTime();
            ProbeStatus status = probe.status();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(50));
            assertThat(status.detail()).startsWith("no answer for");
            Thread.sleep(200);
            assertThat(calls.get()).as("one probe at a time: none starts while one hangs").isEqualTo(duringHang);
            hung.set(false);
            hang.countDown();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> probe.status().up());
        }
    }

    @Test
    void aFailingCheckIsDownWithItsMessage() {
        try (BackgroundProbe probe = new BackgroundProbe("test", () -> {
            throw new IllegalStateException("bucket gone");
        }, Duration.ofMillis(50), Duration.ofSeconds(1))) {
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> probe.status().detail().contains("IllegalStateException: bucket gone"));
            assertThat(probe.status().up()).isFalse();
        }
    }
}
