package dev.digitgan.sampler.api;

import dev.digitgan.sampler.admission.RenderCost;
import java.util.OptionalInt;

/**
 * {@code n} digits of {@code seed} as grey values (the JSON endpoint and gRPC {@code Pixels}); every one a
 * {@code digit} when given (conditional models only).
 */
public record PixelsRequest(int n, long seed, OptionalInt digit) implements RenderRequest {

    public static final int DEFAULT_N = 1;

    /**
     * Checks what holds whatever the configuration says, with {@link Params}' messages, so that no path (a
     * test, a new endpoint, a client of the record) builds one out of range; {@link #of} also checks the
     * configured limits, first.
     */
    public PixelsRequest {
        Params.checkAtLeast("n", n, 1);
        Params.checkSeed("seed", seed);
        Params.checkDigit("digit", digit);
    }

    /** Any digit. */
    public PixelsRequest(int n, long seed) {
        this(n, seed, OptionalInt.empty());
    }

    /** Parameters as text, {@code null} when absent: n 1..max-json (1), seed 0..2^53-1 (random). */
    public static PixelsRequest of(RequestLimits limits, String n, String seed) {
        return of(limits, n, seed, null);
    }

    /** As above, and digit 0..9 (any). */
    public static PixelsRequest of(RequestLimits limits, String n, String seed, String digit) {
        int count = Params.intIn("n", n, DEFAULT_N, 1, limits.maxJson());
        long s = Params.seed("seed", seed);
        return new PixelsRequest(count, s, Params.digit("digit", digit));
    }

    @Override
    public long cost() {
        return RenderCost.pixels(n);
    }
}
