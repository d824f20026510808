package dev.digitgan.sampler.admission;

/**
 * What a request costs to render, in units of one 28×28 tile at scale 1 (784 grey bytes of raster): a digit at
 * scale s is s² units of raster plus one unit for its forward pass, its float output and the PNG encoder's row
 * buffers. Memory and time both grow with the raster (nearest-neighbour scaling and PNG filtering touch every
 * output pixel), so one number stands for both; {@link AdmissionLimits} turns units into bytes.
 */
public final class RenderCost {

    /** A digit of the JSON endpoint: 784 ints, then about 3.5 KB of JSON text, about a scale-2 tile. */
    static final long JSON_DIGIT = 5;

    private RenderCost() {
    }

    /** {@code n} digits in a grid at {@code scale}. */
    public static long grid(int n, int scale) {
        return n * tile(scale);
    }

    /** One digit alone at {@code scale}. */
    public static long digit(int scale) {
        return tile(scale);
    }

    /** A latent walk of {@code steps} digits in one row at {@code scale}. */
    public static long walk(int steps, int scale) {
        return steps * tile(scale);
    }

    /**
     * A number of {@code length} digits written at {@code scale}: one tile per digit (cropping to the ink only
     * makes the raster smaller).
     */
    public static long number(int length, int scale) {
        return length * tile(scale);
    }

    /** The class grid: {@code rows} rows (one per digit) of {@code perClass} digits at {@code scale}. */
    public static long classes(int rows, int perClass, int scale) {
        return grid(rows * perClass, scale);
    }

    /** {@code n} digits as JSON grey values. */
    public static long pixels(int n) {
        return n * JSON_DIGIT;
    }

    private static long tile(int scale) {
        return (long) scale * scale + 1;
    }
}
