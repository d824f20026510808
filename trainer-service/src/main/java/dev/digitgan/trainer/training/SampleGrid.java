package dev.digitgan.trainer.training;

import dev.digitgan.model.image.DigitImages;
import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.train.Generator;
import dev.digitgan.model.train.TrainingLoop;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The sample grid of a checkpoint: G applied to the run's fixed z ({@link TrainingLoop#fixedZ}, the same z the
 * loop uses for its epoch samples), so every grid of a run shows the same digits forming. 8x8 for an
 * unconditional model; 10x10 for a conditional one, whose generator draws the digits in turn
 * ({@code Generator.generate}), so that column {@code k} holds the digit {@code k}.
 */
public final class SampleGrid {

    public static final int SIDE = 8;
    public static final int COUNT = SIDE * SIDE;
    /** 28 px digits at 3x: an 8x8 grid of 690 px. */
    public static final int SCALE = 3;

    private SampleGrid() {
    }

    /** Images in the grid of a model of {@code spec}. */
    public static int count(GanSpec spec) {
        return spec.conditional() ? spec.classes() * spec.classes() : COUNT;
    }

    /** @param generator G of a checkpoint (a copy: this runs beside training) */
    public static byte[] png(GanSpec spec, MultiLayerNetwork generator) {
        int count = count(spec);
        return png(Generator.of(generator, spec).generate(TrainingLoop.fixedZ(spec, count), count));
    }

    /** @param samples a square number of images of 784 values in [-1, 1], drawn in a square grid */
    public static byte[] png(float[] samples) {
        int count = samples.length / GanSpec.IMAGE_PIXELS;
        int side = (int) Math.round(Math.sqrt(count));
        if (side * side != count || count * GanSpec.IMAGE_PIXELS != samples.length) {
            throw new IllegalArgumentException("a grid needs a square number of whole images, got "
                    + samples.length + " values");
        }
        return DigitImages.gridPng(samples, count, side, SCALE);
    }
}
