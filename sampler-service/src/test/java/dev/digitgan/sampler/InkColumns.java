package dev.digitgan.sampler;

import java.awt.image.BufferedImage;

/** Counts the digits in a rendered line of them, by its columns: the test's view of "four digit cells". */
public final class InkColumns {

    private InkColumns() {
    }

    /** Runs of columns with ink (grey > 64 somewhere) separated by columns without. */
    public static int blobs(BufferedImage image) {
        int blobs = 0;
        boolean inBlob = false;
        for (int x = 0; x < image.getWidth(); x++) {
            boolean ink = false;
            for (int y = 0; y < image.getHeight() && !ink; y++) {
                ink = image.getRaster().getSample(x, y, 0) > 64;
            }
            if (ink && !inBlob) {
                blobs++;
            }
            inBlob = ink;
        }
        return blobs;
    }
}
