package dev.digitgan.sampler.api;

import dev.digitgan.sampler.admission.RenderCost;
import java.util.OptionalInt;

/**
 * A PNG grid of {@code n} digits of {@code seed}, {@code columns} to a row, at {@code scale} pixels a pixel; every
 * one a {@code digit} when given (conditional models only).
 */
public record GridRequest(int n, long seed, int columns, int scale, OptionalInt digit) implements RenderRequest {

    public static final int DEFAULT_N = 64;
    public static final int DEFAULT_SCALE = 2;

    /** Any digit. */
    public GridRequest(int n, long seed, int columns, int scale) {
        this(n, seed, columns, scale, OptionalInt.empty());
    }

    /**
     * Checks what holds whatever the configuration says, with {@link Params}' messages, so that no path (a
     * test, a new endpoint, a client of the record) builds one out of range; {@link #of} also checks the
     * configured limits, first.
     */
    public GridRequest {
        Params.checkAtLeast("n", n, 1);
        Params.checkSeed("seed", seed);
        Params.checkAtLeast("columns", columns, 1);
        Params.checkRange("scale", scale, 1, Params.MAX_GRID_SCALE);
        Params.checkDigit("digit", digit);
    }

    /**
     * Parameters as text, {@code null} when absent: n 1..max-grid (64), seed 0..2^53-1 (random), columns
     * 1..max-grid (ceil(sqrt(n))), scale 1..{@value Params#MAX_GRID_SCALE} ({@value #DEFAULT_SCALE}).
     */
    public static GridRequest of(RequestLimits limits, String n, String seed, String columns, String scale) {
        return of(limits, n, seed, columns, scale, null);
    }

    /** As above, and digit 0..9 (any). */
    public static GridRequest of(RequestLimits limits, String n, String seed, String columns, String scale,
                                 String digit) {
        int count = Params.intIn("n", n, DEFAULT_N, 1, limits.maxGrid());
        long s = Params.seed("seed", seed);
        int cols = Params.intIn("columns", columns, (int) Math.ceil(Math.sqrt(count)), 1, limits.maxGrid());
        int px = Params.intIn("scale", scale, DEFAULT_SCALE, 1, Params.MAX_GRID_SCALE);
        return new GridRequest(count, s, cols, px, Params.digit("digit", digit));
    }

    @Override
    public long cost() {
        return RenderCost.grid(n, scale);
    }
}
