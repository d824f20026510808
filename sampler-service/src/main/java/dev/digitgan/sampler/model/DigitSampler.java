package dev.digitgan.sampler.model;

import dev.digitgan.model.image.DigitImages;
import dev.digitgan.sampler.reload.ReloadMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates and renders digits with the model being served. Each call takes the current model once,
 * so a swap in the middle of a call does not mix two models; the result names the model it used.
 * Arguments are validated by the callers (HTTP, gRPC); this class only asserts them.
 */
@ApplicationScoped
public class DigitSampler {

    private final GeneratorHolder holder;
    private final ReloadMetrics metrics;

    public DigitSampler(GeneratorHolder holder, ReloadMetrics metrics) {
        this.holder = holder;
        this.metrics = metrics;
    }

    public Rendered grid(int n, long seed, int columns, int scale) {
        LoadedModel model = model();
        float[] images = generate(model, Latents.batch(seed, 0, n, model.pool().latentSize()), n);
        return new Rendered(DigitImages.gridPng(images, n, columns, scale), model.info(), seed);
    }

    public Rendered digit(int index, long seed, int scale) {
        LoadedModel model = model();
        float[] images = generate(model, Latents.digit(seed, index, model.pool().latentSize()), 1);
        return new Rendered(DigitImages.digitPng(images, 0, scale), model.info(), seed);
    }

    /**
     * A latent walk from digit 0 of {@code fromSeed} to digit 0 of {@code toSeed}; the seed reported is
     * {@code fromSeed}.
     */
    public Rendered walk(long fromSeed, long toSeed, int steps, int scale) {
        LoadedModel model = model();
        float[] images = generate(model, Latents.walk(fromSeed, toSeed, steps, model.pool().latentSize()), steps);
        return new Rendered(DigitImages.stripPng(images, steps, scale), model.info(), fromSeed);
    }

    public Pixels pixels(int n, long seed) {
        LoadedModel model = model();
        float[] images = generate(model, Latents.batch(seed, 0, n, model.pool().latentSize()), n);
        List<int[]> digits = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int[] grey = new int[GeneratorPool.PIXELS];
            for (int p = 0; p < grey.length; p++) {
                grey[p] = grey(images[i * GeneratorPool.PIXELS + p]);
            }
            digits.add(grey);
        }
        return new Pixels(model.modelVersion(), seed, DigitImages.MNIST_SIDE, DigitImages.MNIST_SIDE, digits);
    }

    /** The model a request would use now; throws when there is none. */
    public LoadedModel model() {
        return holder.current().orElseThrow(NoModelException::new);
    }

    private float[] generate(LoadedModel model, float[] z, int count) {
        float[] images = model.pool().generate(z, count);
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
