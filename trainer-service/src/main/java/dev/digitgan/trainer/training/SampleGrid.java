package dev.digitgan.trainer.training;

import dev.digitgan.model.image.DigitImages;
import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.train.Generator;
import dev.digitgan.model.train.TrainingLoop;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The 8x8 sample grid of a checkpoint: G applied to the run's fixed z ({@link TrainingLoop#fixedZ}, the same z
 * the loop uses for its epoch samples), so every grid of a run shows the same 64 digits forming.
 */
public final class SampleGrid {

    public static final int SIDE = 8;
    public static final int COUNT = SIDE * SIDE;
    /** 28 px digits at 3x: an 8x8 grid of 690 px. */
    public static final int SCALE = 3;

    private SampleGrid() {
    }

    /** @param generator G of a checkpoint (a copy: this runs beside training) */
    public static byte[] png(GanSpec spec, MultiLayerNetwork generator) {
        return png(new Generator(generator).generate(TrainingLoop.fixedZ(spec, COUNT), COUNT));
    }

    /** @param samples {@value #COUNT} images of 784 values in [-1, 1] */
    public static byte[] png(float[] samples) {
        return DigitImages.gridPng(samples, COUNT, SIDE, SCALE);
    }
}
