package dev.digitgan.sampler.model;

import dev.digitgan.model.image.DigitImages;
import dev.digitgan.sampler.reload.ReloadMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Generates and renders digits with the model being served. Each call takes the current model once,
 * so a swap in the middle of a call does not mix two models; the result names the model it used.
 * Arguments are validated by the callers (HTTP, gRPC); this class only asserts them.
 *
 * <p>A conditional model draws the digit asked for ({@code digit}), or, when none is, digit {@code i} of a seed
 * draws {@link Latents#label}; asking an unconditional model for a digit throws
 * {@link UnconditionalModelException}. Images depend only on the seed, the digits asked for and the model.
 */
@ApplicationScoped
public class DigitSampler {

    /** Rows of the class grid: one per digit. */
    public static final int CLASS_ROWS = 10;

    private final GeneratorHolder holder;
    private final ReloadMetrics metrics;

    public DigitSampler(GeneratorHolder holder, ReloadMetrics metrics) {
        this.holder = holder;
        this.metrics = metrics;
    }

    public Rendered grid(int n, long seed, int columns, int scale) {
        return grid(n, seed, columns, scale, OptionalInt.empty());
    }

    /** Digits 0..n-1 of {@code seed}, all of them {@code digit} when given. */
    public Rendered grid(int n, long seed, int columns, int scale, OptionalInt digit) {
        LoadedModel model = model();
        float[] images = generate(model, Latents.batch(seed, 0, n, model.pool().latentSize()),
                labels(model, seed, 0, n, digit), n);
        return new Rendered(DigitImages.gridPng(images, n, columns, scale), model.info(), seed);
    }

    public Rendered digit(int index, long seed, int scale) {
        return digit(index, seed, scale, OptionalInt.empty());
    }

    /** Digit {@code index} of {@code seed}: tile {@code index} of the grid asked with the same seed and digit. */
    public Rendered digit(int index, long seed, int scale, OptionalInt digit) {
        LoadedModel model = model();
        float[] images = generate(model, Latents.digit(seed, index, model.pool().latentSize()),
                labels(model, seed, index, 1, digit), 1);
        return new Rendered(DigitImages.digitPng(images, 0, scale), model.info(), seed);
    }

    /**
     * A latent walk from digit 0 of {@code fromSeed} to digit 0 of {@code toSeed}; the seed reported is
     * {@code fromSeed}. A conditional model also passes from the first end's digit to the second's (the one-hots
     * are blended as z is), so both ends are the single digits of their seeds.
     */
    public Rendered walk(long fromSeed, long toSeed, int steps, int scale) {
        LoadedModel model = model();
        GeneratorPool pool = model.pool();
        float[] z = Latents.walk(fromSeed, toSeed, steps, pool.latentSize());
        float[] images;
        if (pool.conditional()) {
            int a = Latents.label(fromSeed, 0, pool.classes());
            int b = Latents.label(toSeed, 0, pool.classes());
            float[] weights = new float[steps * pool.classes()];
            for (int s = 0; s < steps; s++) {
                float t = (float) s / (steps - 1);
                weights[s * pool.classes() + a] += 1 - t;
                weights[s * pool.classes() + b] += t;
            }
            images = pool.generateBlended(z, weights, steps);
            metrics.imagesGenerated(steps);
        } else {
            images = generate(model, z, null, steps);
        }
        return new Rendered(DigitImages.stripPng(images, steps, scale), model.info(), fromSeed);
    }

    public Pixels pixels(int n, long seed) {
        return pixels(n, seed, OptionalInt.empty());
    }

    /** Digits 0..n-1 of {@code seed} as grey values, with the digit each was drawn as (conditional models). */
    public Pixels pixels(int n, long seed, OptionalInt digit) {
        LoadedModel model = model();
        int[] labels = labels(model, seed, 0, n, digit);
        float[] images = generate(model, Latents.batch(seed, 0, n, model.pool().latentSize()), labels, n);
        List<int[]> digits = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int[] grey = new int[GeneratorPool.PIXELS];
            for (int p = 0; p < grey.length; p++) {
                grey[p] = grey(images[i * GeneratorPool.PIXELS + p]);
            }
            digits.add(grey);
        }
        return new Pixels(model.modelVersion(), seed, DigitImages.MNIST_SIDE, DigitImages.MNIST_SIDE, digits,
                labels == null ? null : Arrays.stream(labels).boxed().toList());
    }

    /**
     * {@code value} written by hand ({@link Handwriting}): character {@code i} is the digit it names, drawn from
     * {@link Latents#number} of {@code seed}.
     *
     * @param value digits 0-9 only, at least one (validated by the request)
     */
    public Rendered number(String value, long seed, int scale) {
        LoadedModel model = conditionalModel();
        int count = value.length();
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = Character.digit(value.charAt(i), 10);
            if (labels[i] < 0 || labels[i] >= model.pool().classes()) {
                throw new IllegalArgumentException("not a digit at " + i + " of '" + value + "'");
            }
        }
        float[] images = generate(model, Latents.number(seed, count, model.pool().latentSize()), labels, count);
        Handwriting.Line line = Handwriting.write(images, count, seed);
        byte[] png = DigitImages.png(DigitImages.grid(line.pixels(), 1, line.height(), line.width(), 1, scale, 0));
        return new Rendered(png, model.info(), seed);
    }

    /**
     * Ten rows, row {@code k} drawing digit {@code k}; column {@code c} uses digit {@code c}'s z of {@code seed} in
     * every row, so a column shows one style across the digits.
     */
    public Rendered classes(int perClass, long seed, int scale) {
        LoadedModel model = conditionalModel();
        int latent = model.pool().latentSize();
        float[] styles = Latents.batch(seed, 0, perClass, latent);
        int n = CLASS_ROWS * perClass;
        float[] z = new float[n * latent];
        int[] labels = new int[n];
        for (int k = 0; k < CLASS_ROWS; k++) {
            System.arraycopy(styles, 0, z, k * perClass * latent, perClass * latent);
            Arrays.fill(labels, k * perClass, (k + 1) * perClass, k);
        }
        float[] images = generate(model, z, labels, n);
        return new Rendered(DigitImages.gridPng(images, n, perClass, scale), model.info(), seed);
    }

    /** The model a request would use now; throws when there is none. */
    public LoadedModel model() {
        return holder.current().orElseThrow(NoModelException::new);
    }

    private LoadedModel conditionalModel() {
        LoadedModel model = model();
        if (!model.conditional()) {
            throw new UnconditionalModelException(model.modelVersion());
        }
        return model;
    }

    /** Labels of digits first..first+count-1 of seed: null for an unconditional model (which takes none). */
    private static int[] labels(LoadedModel model, long seed, int first, int count, OptionalInt digit) {
        if (!model.conditional()) {
            if (digit.isPresent()) {
                throw new UnconditionalModelException(model.modelVersion());
            }
            return null;
        }
        int classes = model.pool().classes();
        if (digit.isPresent() && (digit.getAsInt() < 0 || digit.getAsInt() >= classes)) {
            throw new IllegalArgumentException("digit " + digit.getAsInt() + " outside 0.." + (classes - 1));
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = digit.isPresent() ? digit.getAsInt() : Latents.label(seed, first + i, classes);
        }
        return labels;
    }

    private float[] generate(LoadedModel model, float[] z, int[] labels, int count) {
        float[] images = model.pool().generate(z, labels, count);
        metrics.imagesGenerated(count);
        return images;
    }

    /** [-1, 1] to 0..255 as the PNGs render it (clamped, NaN black). */
    static int grey(float value) {
        if (!(value > -1f)) {
            return 0;
        }
        return value >= 1f ? 255 : Math.round((value + 1f) * 127.5f);
    }
}
