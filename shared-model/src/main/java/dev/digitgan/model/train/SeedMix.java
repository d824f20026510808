package dev.digitgan.model.train;

/**
 * Derives independent seeds from (run seed, purpose, index) so that every random draw of a run (z of step k,
 * dropout masks of step k, shuffling of epoch e) is a pure function of the run seed and its position. That is what
 * makes a resumed run continue exactly like an uninterrupted one.
 */
final class SeedMix {

    static final long LATENT = 0x4c4154454e54L;
    static final long DROPOUT = 0x44524f504f5554L;
    static final long SHUFFLE = 0x53485546464c45L;
    static final long LABEL = 0x4c4142454cL;

    private SeedMix() {
    }

    static long of(long seed, long purpose, long index) {
        return mix(mix(seed ^ purpose) + index);
    }

    /** SplitMix64's finaliser: a bijection that spreads nearby inputs over all 64 bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
