package dev.digitgan.sampler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.sampler.admission.RenderCost;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The digit parameter of the grid, digit and JSON requests, and the number and class-grid requests. */
class ConditionalRequestsTest {

    private static final RequestLimits LIMITS = new RequestLimits(256, 32, 64, 12);

    @Test
    void aDigitIsZeroToNineOrAbsentOnEveryRequestThatTakesOne() {
        assertThat(GridRequest.of(LIMITS, "4", "1", null, null, "0").digit()).isEqualTo(OptionalInt.of(0));
        assertThat(DigitRequest.of("2", "1", null, "9").digit()).isEqualTo(OptionalInt.of(9));
        assertThat(PixelsRequest.of(LIMITS, "2", "1", " 7 ").digit()).isEqualTo(OptionalInt.of(7));
        assertThat(GridRequest.of(LIMITS, "4", "1", null, null, null).digit()).isEmpty();
        assertBad(() -> GridRequest.of(LIMITS, "4", "1", null, null, "10"), "digit must be in 0..9, got 10");
        assertBad(() -> DigitRequest.of("2", "1", null, "-1"), "digit must be in 0..9, got -1");
        assertBad(() -> PixelsRequest.of(LIMITS, "2", "1", "seven"), "digit must be an integer in 0..9, got 'seven'");
        assertBad(() -> new GridRequest(1, 1, 1, 1, OptionalInt.of(10)), "digit must be in 0..9, got 10");
        assertBad(() -> new DigitRequest(0, 1, 1, OptionalInt.of(-1)), "digit must be in 0..9, got -1");
        assertBad(() -> new PixelsRequest(1, 1, null), "digit must be a digit 0..9 or empty (any), got null");
        // component order: a bad n is reported before a bad digit
        assertBad(() -> GridRequest.of(LIMITS, "0", "1", null, null, "x"), "n must be in 1..256, got 0");
    }

    @Test
    void aNumberIsOneToTheLimitOfAsciiDigits() {
        NumberRequest r = NumberRequest.of(LIMITS, "2026", "5", null);
        assertThat(r).isEqualTo(new NumberRequest("2026", 5, NumberRequest.DEFAULT_SCALE));
        assertThat(NumberRequest.of(LIMITS, " 007 ", "5", "1").value()).isEqualTo("007");
        assertThat(NumberRequest.of(LIMITS, "123456789012", "5", "1").value()).hasSize(12);
        assertBad(() -> NumberRequest.of(LIMITS, "1234567890123", "5", null),
                "value must be at most 12 digits long, got 13 characters");
        assertBad(() -> NumberRequest.of(LIMITS, "20x6", "5", null), "value must be digits 0-9 only, got '20x6'");
        assertBad(() -> NumberRequest.of(LIMITS, "-2026", "5", null), "value must be digits 0-9 only, got '-2026'");
        assertBad(() -> NumberRequest.of(LIMITS, "\u0662\u0660\u0662\u0666", "5", null),
                "value must be digits 0-9 only, got '\u0662\u0660\u0662\u0666'");
        assertBad(() -> NumberRequest.of(LIMITS, null, "5", null), "value is required: 1..12 digits 0-9, e.g."
                + " value=2026");
        assertBad(() -> NumberRequest.of(LIMITS, "", "5", null), "value is required: 1..12 digits 0-9, e.g."
                + " value=2026");
        assertBad(() -> NumberRequest.of(LIMITS, "1", "5", "9"), "scale must be in 1..8, got 9");
        // the constructor holds whatever the configuration says: digits only, a seed, a scale
        assertBad(() -> new NumberRequest(" 12", 1, 4), "value must be digits 0-9 only, got ' 12'");
        assertBad(() -> new NumberRequest("", 1, 4), "value is required: 1..2147483647 digits 0-9, e.g. value=2026");
        assertBad(() -> new NumberRequest("1", -1, 4), "seed must be in 0..9007199254740991, got -1");
        assertBad(() -> new NumberRequest("1", 1, 9), "scale must be in 1..8, got 9");
        assertThat(NumberRequest.of(LIMITS, "2026", "1", "4").cost()).isEqualTo(RenderCost.number(4, 4))
                .isEqualTo(RenderCost.digit(4) * 4);
    }

    @Test
    void theClassGridHoldsAtMostMaxGridDigits() {
        ClassesRequest r = ClassesRequest.of(LIMITS, null, "3", null);
        assertThat(r).isEqualTo(new ClassesRequest(10, 3, 2));
        assertThat(ClassesRequest.of(LIMITS, "25", "3", null).perClass()).isEqualTo(25);
        assertBad(() -> ClassesRequest.of(LIMITS, "26", "3", null), "per-class must be in 1..25, got 26");
        assertBad(() -> ClassesRequest.of(LIMITS, "0", "3", null), "per-class must be in 1..25, got 0");
        assertThat(ClassesRequest.of(new RequestLimits(40, 32, 64), null, "3", null).perClass()).isEqualTo(4);
        assertBad(() -> new ClassesRequest(0, 1, 2), "per-class must be at least 1, got 0");
        assertBad(() -> new ClassesRequest(1, 1, 0), "scale must be in 1..8, got 0");
        assertThat(ClassesRequest.of(LIMITS, "25", "3", "8").cost()).isEqualTo(RenderCost.grid(250, 8));
    }

    private static void assertBad(Runnable request, String message) {
        assertThatThrownBy(request::run).isInstanceOf(BadParameterException.class).hasMessage(message);
    }
}
