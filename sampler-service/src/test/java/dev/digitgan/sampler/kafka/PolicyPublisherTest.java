package dev.digitgan.sampler.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.PolicyChange;
import dev.digitgan.model.events.Topics;
import dev.digitgan.sampler.TestConfig;
import dev.digitgan.stack.Ports;
import dev.digitgan.support.api.KafkaUnavailableException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A policy change Kafka cannot take fails the request with a 503 and Retry-After, within the publish timeout. */
class PolicyPublisherTest {

    @Test
    void withNoBrokerListeningTheChangeIsRefusedWith503AndRetryAfterWithinTheTimeout() {
        TestConfig config = new TestConfig() {
            @Override
            public Duration policyPublishTimeout() {
                return Duration.ofSeconds(2);
            }
        };
        // a free port: nothing listens there, as with a broker that is down
        PolicyPublisher publisher = new PolicyPublisher(new EventCodec(), config, Ports.HOST + ":" + Ports.free(),
                Topics.SAMPLER_POLICY);
        try {
            long started = System.nanoTime();
            assertThatThrownBy(() -> publisher.publish(new PolicyChange(1, PolicyChange.Mode.LATEST, null, "admin",
                    Instant.now()))).isInstanceOfSatisfying(KafkaUnavailableException.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.headers()).containsKey("Retry-After");
                        assertThat(e.getMessage()).contains("nothing changed");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        } finally {
            publisher.close();
        }
    }
}
