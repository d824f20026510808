package dev.digitgan.sampler.api;

import dev.digitgan.sampler.admission.RenderCost;
import java.util.OptionalInt;

/**
 * Digit number {@code index} of the grid with {@code seed}, alone, at {@code scale} pixels a pixel; drawn as
 * {@code digit} when given (conditional models only).
 */
public record DigitRequest(int index, long seed, int scale, OptionalInt digit) implements RenderRequest {

    public static final int DEFAULT_SCALE = 4;

    /** Any digit. */
    public DigitRequest(int index, long seed, int scale) {
        this(index, seed, scale, OptionalInt.empty());
    }

    /**
     * Checks every range (none is configuration), with {@link Params}' messages, so that no path (a test, a new
     * endpoint, a client of the record) builds one out of range.
     */
    public DigitRequest {
        Params.checkRange("index", index, 0, Params.MAX_INDEX);
        Params.checkSeed("seed", seed);
        Params.checkRange("scale", scale, 1, Params.MAX_DIGIT_SCALE);
        Params.checkDigit("digit", digit);
    }

    /**
     * Parameters as text, {@code null} when absent: index 0..{@value Params#MAX_INDEX} (0), seed 0..2^53-1
     * (random), scale 1..{@value Params#MAX_DIGIT_SCALE} ({@value #DEFAULT_SCALE}).
     */
    public static DigitRequest of(String index, String seed, String scale) {
        return of(index, seed, scale, null);
    }

    /** As above, and digit 0..9 (any). */
    public static DigitRequest of(String index, String seed, String scale, String digit) {
        int i = Params.intIn("index", index, 0, 0, Params.MAX_INDEX);
        long s = Params.seed("seed", seed);
        int px = Params.intIn("scale", scale, DEFAULT_SCALE, 1, Params.MAX_DIGIT_SCALE);
        return new DigitRequest(i, s, px, Params.digit("digit", digit));
    }

    @Override
    public long cost() {
        return RenderCost.digit(scale);
    }
}
