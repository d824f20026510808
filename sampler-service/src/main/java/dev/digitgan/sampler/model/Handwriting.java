package dev.digitgan.sampler.model;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Lays generated 28x28 digits side by side as a hand writes a number: each digit is cropped to its ink
 * horizontally (MNIST centres digits in wide margins, which would space a number like a form's boxes), the digits
 * are set a few pixels apart, and each gap and each digit's height wobbles a little, seeded, so that the same
 * seed always gives the same line. Digits never overlap: every column of the line belongs to at most one digit, and
 * at least {@value #MIN_GAP} background columns separate two digits.
 */
public final class Handwriting {

    /** A pixel is ink above this value (grey 64 of 255): faint halo pixels do not widen a digit's crop. */
    static final float INK = -0.5f;
    /** Background columns between two digits at least; up to {@value #EXTRA_GAP} more are added at random. */
    static final int MIN_GAP = 2;
    static final int EXTRA_GAP = 2;
    /** Largest shift of a digit up or down from the line, in model pixels. */
    static final int MAX_RISE = 2;
    /** Background columns left and right of the line. */
    static final int MARGIN = 2;
    /** Width given to a digit the generator drew without ink, so it still takes a place in the line. */
    static final int BLANK_WIDTH = 10;
    static final long LAYOUT_STREAM = 0x6C61796F7574L; // "layout"

    private static final int SIDE = 28;
    private static final int PIXELS = SIDE * SIDE;
    private static final float BACKGROUND = -1f;

    private Handwriting() {
    }

    /** A line of digits: {@code width x height} values in [-1, 1] (the generator's range), row-major. */
    public record Line(float[] pixels, int width, int height) {
    }

    /**
     * @param digits {@code count} 28x28 images, one after another, each row-major (a generator's output)
     * @param seed   seeds the gaps and the rises
     */
    public static Line write(float[] digits, int count, long seed) {
        if (count < 1 || digits.length != count * PIXELS) {
            throw new IllegalArgumentException("expected " + count + " images of 28x28 (count >= 1), got "
                    + digits.length + " values");
        }
        int[] left = new int[count];
        int[] right = new int[count]; // exclusive
        for (int i = 0; i < count; i++) {
            int[] ink = inkColumns(digits, i);
            left[i] = ink[0];
            right[i] = ink[1];
        }
        SplittableRandom random = new SplittableRandom(Latents.mix(seed ^ LAYOUT_STREAM, count));
        int[] x = new int[count];
        int[] rise = new int[count];
        int width = MARGIN;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                width += MIN_GAP + random.nextInt(EXTRA_GAP + 1);
            }
            rise[i] = random.nextInt(2 * MAX_RISE + 1) - MAX_RISE;
            x[i] = width;
            width += right[i] - left[i];
        }
        width += MARGIN;
        int height = SIDE + 2 * MAX_RISE;
        float[] line = new float[width * height];
        Arrays.fill(line, BACKGROUND);
        for (int i = 0; i < count; i++) {
            int top = MAX_RISE + rise[i];
            for (int r = 0; r < SIDE; r++) {
                for (int c = left[i]; c < right[i]; c++) {
                    line[(top + r) * width + x[i] + c - left[i]] = digits[i * PIXELS + r * SIDE + c];
                }
            }
        }
        return new Line(line, width, height);
    }

    /** {first, last + 1} of the columns of image {@code i} holding ink; a centred band for an image without any. */
    static int[] inkColumns(float[] digits, int i) {
        int first = -1;
        int last = -1;
        for (int c = 0; c < SIDE; c++) {
            for (int r = 0; r < SIDE; r++) {
                if (digits[i * PIXELS + r * SIDE + c] > INK) { // NaN is no ink
                    if (first < 0) {
                        first = c;
                    }
                    last = c;
                    break;
                }
            }
        }
        if (first < 0) {
            return new int[] {(SIDE - BLANK_WIDTH) / 2, (SIDE + BLANK_WIDTH) / 2};
        }
        return new int[] {first, last + 1};
    }
}
