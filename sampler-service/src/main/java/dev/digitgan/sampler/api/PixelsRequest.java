package dev.digitgan.sampler.api;

import dev.digitgan.sampler.admission.RenderCost;

/** {@code n} digits of {@code seed} as grey values (the JSON endpoint and gRPC {@code Pixels}). */
public record PixelsRequest(int n, long seed) implements RenderRequest {

    public static final int DEFAULT_N = 1;

    /** Parameters as text, {@code null} when absent: n 1..max-json (1), seed 0..2^53-1 (random). */
    public static PixelsRequest of(RequestLimits limits, String n, String seed) {
        int count = Params.intIn("n", n, DEFAULT_N, 1, limits.maxJson());
        long s = Params.seed("seed", seed);
        return new PixelsRequest(count, s);
    }

    @Override
    public long cost() {
        return RenderCost.pixels(n);
    }
}
