package dev.digitgan.sampler.model;

import java.util.SplittableRandom;

/**
 * The latent vectors behind every image, derived from a seed alone so that the same seed gives the same
 * z on every replica and every JVM. Digit {@code i} of a seed has its own stream (seed and index mixed),
 * so the single-digit endpoint can render digit {@code i} of a grid without generating the others.
 *
 * <p>Gaussians come from Box–Muller over {@link SplittableRandom#nextDouble()} rather than
 * {@code Random.nextGaussian}, whose algorithm the JDK does not promise to keep.
 */
public final class Latents {

    /** Salt of the label stream: keeps a digit's label unrelated to the Gaussians of its z. */
    static final long LABEL_STREAM = 0x6C6162656C73L; // "labels"
    /** Salt of the z a number's characters share ({@link #number}). */
    static final long STYLE_STREAM = 0x7374796C65L; // "style"

    private Latents() {
    }

    /** The z of digit {@code index} under {@code seed}. */
    public static float[] digit(long seed, int index, int latentSize) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        if (latentSize < 1) {
            throw new IllegalArgumentException("latentSize must be >= 1, got " + latentSize);
        }
        SplittableRandom random = new SplittableRandom(mix(seed, index));
        float[] z = new float[latentSize];
        for (int k = 0; k < latentSize; k += 2) {
            double u1 = 1.0 - random.nextDouble(); // (0, 1]: log stays finite
            double u2 = random.nextDouble();
            double radius = Math.sqrt(-2.0 * Math.log(u1));
            z[k] = (float) (radius * Math.cos(2 * Math.PI * u2));
            if (k + 1 < latentSize) {
                z[k + 1] = (float) (radius * Math.sin(2 * Math.PI * u2));
            }
        }
        return z;
    }

    /**
     * The digit a conditional model draws as digit {@code index} of {@code seed} when none was asked for: uniform
     * over {@code classes}, from its own stream (independent of that digit's z), so a grid of a conditional model
     * shows every digit and digit {@code i} alone is tile {@code i} of its grid, as for an unconditional model.
     */
    public static int label(long seed, int index, int classes) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, got " + classes);
        }
        return new SplittableRandom(mix(seed ^ LABEL_STREAM, index)).nextInt(classes);
    }

    /** Digits {@code first .. first+count-1} of {@code seed}, one row each, row-major. */
    public static float[] batch(long seed, int first, int count, int latentSize) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        float[] z = new float[count * latentSize];
        for (int i = 0; i < count; i++) {
            System.arraycopy(digit(seed, first + i, latentSize), 0, z, i * latentSize, latentSize);
        }
        return z;
    }

    /**
     * The z of the {@code count} characters of a number written with {@code seed}: digit {@code i}'s own z and one
     * z shared by the whole number, mixed half and half ({@code (shared + own) / sqrt 2}, still a standard
     * Gaussian), so the characters look written by one hand without two of them being the same drawing.
     */
    public static float[] number(long seed, int count, int latentSize) {
        float[] shared = digit(seed ^ STYLE_STREAM, 0, latentSize);
        float[] z = batch(seed, 0, count, latentSize);
        float half = (float) Math.sqrt(0.5);
        for (int i = 0; i < z.length; i++) {
            z[i] = half * (shared[i % latentSize] + z[i]);
        }
        return z;
    }

    /**
     * {@code steps} points from digit 0 of {@code fromSeed} to digit 0 of {@code toSeed}, both ends
     * included. Spherical interpolation: Gaussian vectors live near a sphere, and a straight line
     * between two of them passes through low-norm z that generators render as grey mush.
     */
    public static float[] walk(long fromSeed, long toSeed, int steps, int latentSize) {
        if (steps < 2) {
            throw new IllegalArgumentException("steps must be >= 2, got " + steps);
        }
        float[] a = digit(fromSeed, 0, latentSize);
        float[] b = digit(toSeed, 0, latentSize);
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < latentSize; k++) {
            dot += a[k] * b[k];
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }
        double cos = dot / Math.max(1e-12, Math.sqrt(na * nb));
        double omega = Math.acos(Math.max(-1, Math.min(1, cos)));
        double sinOmega = Math.sin(omega);
        float[] out = new float[steps * latentSize];
        for (int s = 0; s < steps; s++) {
            double t = (double) s / (steps - 1);
            double wa;
            double wb;
            if (sinOmega < 1e-6) { // (anti)parallel: slerp is undefined, lerp is fine
                wa = 1 - t;
                wb = t;
            } else {
                wa = Math.sin((1 - t) * omega) / sinOmega;
                wb = Math.sin(t * omega) / sinOmega;
            }
            for (int k = 0; k < latentSize; k++) {
                out[s * latentSize + k] = (float) (wa * a[k] + wb * b[k]);
            }
        }
        return out;
    }

    /** A strong 64-bit mix (SplitMix64 finaliser) so neighbouring seeds and indices give unrelated streams. */
    static long mix(long seed, int index) {
        long x = seed + 0x9E3779B97F4A7C15L * (index + 1L);
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }
}
