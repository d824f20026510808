package dev.digitgan.sampler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParamsTest {

    @Test
    void absentValuesTakeTheDefault() {
        assertThat(Params.intIn("n", null, 64, 1, 256)).isEqualTo(64);
        assertThat(Params.seed("seed", null)).isBetween(0L, Params.MAX_SEED);
    }

    @Test
    void validValuesParse() {
        assertThat(Params.intIn("n", " 12 ", 64, 1, 256)).isEqualTo(12);
        assertThat(Params.seed("seed", "9007199254740991")).isEqualTo(Params.MAX_SEED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "257", "-1", "abc", "1e3", "", " ", "12345678901", "99999999999999999999", "1.5",
        "0x10"})
    void badCountsAreRefusedWithTheParameterNameAndRange(String raw) {
        assertThatThrownBy(() -> Params.intIn("n", raw, 64, 1, 256))
                .isInstanceOf(BadParameterException.class).hasMessageStartingWith("n must be")
                .hasMessageContaining("1..256");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "9007199254740992", "9223372036854775808", "99999999999999999999999", "x", "1.0", ""})
    void badSeedsAreRefused(String raw) {
        assertThatThrownBy(() -> Params.seed("seed", raw))
                .isInstanceOf(BadParameterException.class).hasMessageStartingWith("seed must be");
    }

    @Test
    void numbersGivenAsTextGetTheMessagesOfTheSameText() {
        assertThat(Params.text(false, 7)).isNull();
        assertThatThrownBy(() -> Params.intIn("n", Params.text(true, Integer.MIN_VALUE), 64, 1, 256))
                .hasMessage("n must be in 1..256, got -2147483648");
        assertThatThrownBy(() -> Params.seed("seed", Params.text(true, Long.MIN_VALUE)))
                .hasMessage("seed must be in 0..9007199254740991, got -9223372036854775808");
        assertThat(Params.seed("seed", Params.text(true, Params.MAX_SEED))).isEqualTo(Params.MAX_SEED);
    }

    @Test
    void echoedInputIsShortAndFreeOfControlCharacters() {
        String message = catchMessage("\u0000\n" + "9".repeat(500));
        assertThat(message).doesNotContain("\u0000").doesNotContain("\n").hasSizeLessThan(120);
    }

    private static String catchMessage(String raw) {
        try {
            Params.intIn("n", raw, 1, 1, 2);
            throw new AssertionError("accepted " + raw);
        } catch (BadParameterException e) {
            return e.getMessage();
        }
    }
}
