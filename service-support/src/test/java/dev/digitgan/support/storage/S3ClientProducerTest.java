package dev.digitgan.support.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class S3ClientProducerTest {

    record Config(Optional<String> accessKey, Optional<String> secretKey) implements S3Config {
        @Override
        public String endpoint() {
            return "http://localhost:9000";
        }

        @Override
        public String bucket() {
            return "digitgan";
        }

        @Override
        public String region() {
            return "us-east-1";
        }

        @Override
        public Duration connectTimeout() {
            return Duration.ofSeconds(5);
        }

        @Override
        public Duration readTimeout() {
            return Duration.ofSeconds(30);
        }

        @Override
        public Duration writeTimeout() {
            return Duration.ofSeconds(30);
        }
    }

    @Test
    void aClientIsBuiltOnlyWithBothKeys() {
        assertThat(S3ClientProducer.build(new Config(Optional.of("key"), Optional.of("secret")))).isNotNull();
        assertThatThrownBy(() -> S3ClientProducer.build(new Config(Optional.empty(), Optional.of("secret"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DIGITGAN_S3_ACCESS_KEY").hasMessageContaining("the access key is not set");
        assertThatThrownBy(() -> S3ClientProducer.build(new Config(Optional.of("key"), Optional.of(" "))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("the secret key is not set");
    }
}
