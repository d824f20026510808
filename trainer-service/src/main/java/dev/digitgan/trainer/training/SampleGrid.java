package dev.digitgan.trainer.training;

import dev.digitgan.model.image.DigitImages;
import dev.digitgan.model.nets.GanModel;
import dev.digitgan.model.train.LatentSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fixed-z 8x8 grid of a model: the same 64 z vectors (draw 0 of the run seed's {@link LatentSource}) at every
 * checkpoint, so the grids of one run show the same digits forming as training goes on.
 */
public final class SampleGrid {

    public static final int SIDE = 8;
    public static final int COUNT = SIDE * SIDE;
    /** 28 px digits at 3x: an 8x8 grid of about 690 px. */
    public static final int SCALE = 3;

    private SampleGrid() {
    }

    public static byte[] png(GanModel model) {
        int latent = model.spec().latentSize();
        float[] z = new LatentSource(latent, model.spec().seed()).sample(0, COUNT);
        INDArray out = model.generator().output(Nd4j.create(z, new long[] {COUNT, latent}, 'c'), false);
        // [64, 784] for the MLP, [64, 1, 28, 28] for the DCGAN: either way 64 images of 784 values in c order.
        float[] images = out.dup('c').data().asFloat();
        return DigitImages.gridPng(images, COUNT, SIDE, SCALE);
    }
}
