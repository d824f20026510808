package dev.digitgan.sampler.api;

import dev.digitgan.sampler.admission.RenderCost;

/** The number {@code value} written by hand, one generated digit per character, at {@code scale} pixels a pixel. */
public record NumberRequest(String value, long seed, int scale) implements RenderRequest {

    public static final int DEFAULT_SCALE = 4;

    /**
     * Checks what holds whatever the configuration says (digits only, at least one; seed; scale), so that no path
     * builds one that cannot be written; {@link #of} also checks the configured length, first.
     */
    public NumberRequest {
        if (!Params.digits("value", value, Integer.MAX_VALUE).equals(value)) { // of(...) strips the blanks
            throw new BadParameterException("value must be digits 0-9 only, got '" + Params.echo(value) + "'");
        }
        Params.checkSeed("seed", seed);
        Params.checkRange("scale", scale, 1, Params.MAX_GRID_SCALE);
    }

    /**
     * Parameters as text, {@code null} when absent: value 1..max-number-length digits 0-9 (required), seed
     * 0..2^53-1 (random), scale 1..{@value Params#MAX_GRID_SCALE} ({@value #DEFAULT_SCALE}).
     */
    public static NumberRequest of(RequestLimits limits, String value, String seed, String scale) {
        String digits = Params.digits("value", value, limits.maxNumberLength());
        long s = Params.seed("seed", seed);
        int px = Params.intIn("scale", scale, DEFAULT_SCALE, 1, Params.MAX_GRID_SCALE);
        return new NumberRequest(digits, s, px);
    }

    @Override
    public long cost() {
        return RenderCost.number(value.length(), scale);
    }
}
