package dev.digitgan.stack;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3AdminTest {

    @ParameterizedTest
    @ValueSource(strings = {"ab", "Digitgan", "-digitgan", "digitgan-", "dig..itgan", "dig_itgan", "dig itgan"})
    void invalidBucketNamesAreRejected(String name) {
        assertThatThrownBy(() -> S3Admin.requireValidBucketName(name))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"digitgan", "abc", "runs.2026-11", "a1-b2"})
    void validBucketNamesPass(String name) {
        assertThatCode(() -> S3Admin.requireValidBucketName(name)).doesNotThrowAnyException();
    }

    @Test
    void nullIsRejected() {
        assertThatThrownBy(() -> S3Admin.requireValidBucketName(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
