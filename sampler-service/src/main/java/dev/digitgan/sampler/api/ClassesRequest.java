package dev.digitgan.sampler.api;

import dev.digitgan.sampler.admission.RenderCost;
import dev.digitgan.sampler.model.DigitSampler;

/** The class grid: ten rows, row k {@code perClass} digits k of {@code seed}, at {@code scale} pixels a pixel. */
public record ClassesRequest(int perClass, long seed, int scale) implements RenderRequest {

    public static final int DEFAULT_PER_CLASS = 10;
    public static final int DEFAULT_SCALE = 2;

    /**
     * Checks what holds whatever the configuration says, so that no path builds one out of range; {@link #of} also
     * checks the configured limit, first.
     */
    public ClassesRequest {
        Params.checkAtLeast("per-class", perClass, 1);
        Params.checkSeed("seed", seed);
        Params.checkRange("scale", scale, 1, Params.MAX_GRID_SCALE);
    }

    /**
     * Parameters as text, {@code null} when absent: per-class 1..max-grid/10 (10, or the limit when smaller), seed
     * 0..2^53-1 (random), scale 1..{@value Params#MAX_GRID_SCALE} ({@value #DEFAULT_SCALE}).
     */
    public static ClassesRequest of(RequestLimits limits, String perClass, String seed, String scale) {
        int max = limits.maxPerClass();
        int k = Params.intIn("per-class", perClass, Math.min(DEFAULT_PER_CLASS, max), 1, max);
        long s = Params.seed("seed", seed);
        int px = Params.intIn("scale", scale, DEFAULT_SCALE, 1, Params.MAX_GRID_SCALE);
        return new ClassesRequest(k, s, px);
    }

    @Override
    public long cost() {
        return RenderCost.classes(DigitSampler.CLASS_ROWS, perClass, scale);
    }
}
