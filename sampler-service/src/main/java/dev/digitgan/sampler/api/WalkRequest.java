package dev.digitgan.sampler.api;

import dev.digitgan.sampler.admission.RenderCost;

/** A latent walk of {@code steps} digits from digit 0 of seed {@code from} to digit 0 of seed {@code to}. */
public record WalkRequest(long from, long to, int steps, int scale) implements RenderRequest {

    public static final int DEFAULT_STEPS = 10;
    public static final int DEFAULT_SCALE = 2;

    /**
     * Checks what holds whatever the configuration says, with {@link Params}' messages, so that no path (a
     * test, a new endpoint, a client of the record) builds one out of range; {@link #of} also checks the
     * configured limits, first.
     */
    public WalkRequest {
        Params.checkSeed("from", from);
        Params.checkSeed("to", to);
        Params.checkAtLeast("steps", steps, Params.MIN_WALK_STEPS);
        Params.checkRange("scale", scale, 1, Params.MAX_GRID_SCALE);
    }

    /**
     * Parameters as text, {@code null} when absent: from and to 0..2^53-1 (random), steps
     * {@value Params#MIN_WALK_STEPS}..max-walk-steps ({@value #DEFAULT_STEPS}), scale
     * 1..{@value Params#MAX_GRID_SCALE} ({@value #DEFAULT_SCALE}).
     */
    public static WalkRequest of(RequestLimits limits, String from, String to, String steps, String scale) {
        long a = Params.seed("from", from);
        long b = Params.seed("to", to);
        int k = Params.intIn("steps", steps, DEFAULT_STEPS, Params.MIN_WALK_STEPS, limits.maxWalkSteps());
        int px = Params.intIn("scale", scale, DEFAULT_SCALE, 1, Params.MAX_GRID_SCALE);
        return new WalkRequest(a, b, k, px);
    }

    @Override
    public long cost() {
        return RenderCost.walk(steps, scale);
    }
}
