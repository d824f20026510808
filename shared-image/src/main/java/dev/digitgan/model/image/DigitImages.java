package dev.digitgan.model.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * Renders digit images (floats in [-1, 1], row-major, one after another in a flat array, the layout
 * of {@code MnistDataset.images()} and of a generator's output) as 8-bit grey PNGs: -1 is black and
 * 1 is white, like MNIST. Scaling is nearest-neighbour so every model pixel stays a crisp square.
 * Values outside [-1, 1] are clamped and NaN renders black, so a diverged generator still gets a
 * picture (that looks broken) instead of an exception.
 */
public final class DigitImages {

    public static final int MNIST_SIDE = 28;
    /** Padding (output pixels) used by the 28x28 convenience methods. */
    public static final int DEFAULT_PADDING = 2;
    /**
     * Grey of the padding between tiles: neither the black background nor white ink, so tile edges
     * stay visible and padding is never mistaken for part of a digit.
     */
    public static final int PADDING_GREY = 0x60;

    static final int MAX_SCALE = 64;
    /** Refuse to allocate absurd images (a typo in count or scale) rather than run out of heap. */
    static final long MAX_OUTPUT_PIXELS = 64L << 20;

    private DigitImages() {
    }

    /**
     * Tiles the first {@code count} images left to right, top to bottom, {@code columns} per row, each
     * scaled {@code scale} times, with {@code padding} grey pixels around and between tiles.
     */
    public static BufferedImage grid(float[] images, int count, int rows, int cols, int columns, int scale,
            int padding) {
        if (images == null) {
            throw new IllegalArgumentException("images must not be null");
        }
        require(count >= 1, "count must be >= 1, got " + count);
        require(rows >= 1 && cols >= 1, "rows and cols must be >= 1, got " + rows + "x" + cols);
        require(columns >= 1, "columns must be >= 1, got " + columns);
        require(scale >= 1 && scale <= MAX_SCALE, "scale must be in 1.." + MAX_SCALE + ", got " + scale);
        require(padding >= 0, "padding must be >= 0, got " + padding);
        long needed = (long) count * rows * cols;
        require(images.length >= needed, count + " images of " + rows + "x" + cols + " need " + needed
                + " values, array has " + images.length);

        int tileColumns = Math.min(columns, count);
        int tileRows = (count + columns - 1) / columns;
        long width = (long) tileColumns * (cols * (long) scale + padding) + padding;
        long height = (long) tileRows * (rows * (long) scale + padding) + padding;
        require(width * height <= MAX_OUTPUT_PIXELS, "output of " + width + "x" + height
                + " pixels exceeds the limit of " + MAX_OUTPUT_PIXELS);

        BufferedImage out = new BufferedImage((int) width, (int) height, BufferedImage.TYPE_BYTE_GRAY);
        // TYPE_BYTE_GRAY stores one byte per pixel, row-major, in a single bank: write it directly.
        byte[] raster = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        Arrays.fill(raster, (byte) PADDING_GREY);
        int stride = (int) width;
        for (int i = 0; i < count; i++) {
            int left = padding + (i % columns) * (cols * scale + padding);
            int top = padding + (i / columns) * (rows * scale + padding);
            int base = i * rows * cols;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    byte grey = (byte) toGrey(images[base + r * cols + c]);
                    for (int dy = 0; dy < scale; dy++) {
                        int rowStart = (top + r * scale + dy) * stride + left + c * scale;
                        Arrays.fill(raster, rowStart, rowStart + scale, grey);
                    }
                }
            }
        }
        return out;
    }

    /** A grid of 28x28 images, {@link #DEFAULT_PADDING} between tiles. */
    public static byte[] gridPng(float[] images, int count, int columns, int scale) {
        return png(grid(images, count, MNIST_SIDE, MNIST_SIDE, columns, scale, DEFAULT_PADDING));
    }

    /** The 28x28 image at {@code index}, alone and without padding. */
    public static byte[] digitPng(float[] images, int index, int scale) {
        int pixels = MNIST_SIDE * MNIST_SIDE;
        require(images != null, "images must not be null");
        require(index >= 0 && (long) (index + 1) * pixels <= images.length,
                "index " + index + " outside the " + images.length / pixels + " images in the array");
        float[] one = Arrays.copyOfRange(images, index * pixels, (index + 1) * pixels);
        return png(grid(one, 1, MNIST_SIDE, MNIST_SIDE, 1, scale, 0));
    }

    /** {@code count} 28x28 images in one row, e.g. the steps of a latent-space walk. */
    public static byte[] stripPng(float[] images, int count, int scale) {
        require(count >= 1, "count must be >= 1, got " + count);
        return png(grid(images, count, MNIST_SIDE, MNIST_SIDE, count, scale, DEFAULT_PADDING));
    }

    public static byte[] png(BufferedImage img) {
        require(img != null, "image must not be null");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "png", bytes)) {
                throw new IllegalStateException("no PNG writer for image type " + img.getType());
            }
        } catch (IOException e) {
            // Writing to memory only fails on bugs, not on I/O.
            throw new UncheckedIOException("PNG encoding failed", e);
        }
        return bytes.toByteArray();
    }

    /** [-1, 1] to 0..255, clamped; NaN to 0. */
    static int toGrey(float value) {
        if (!(value > -1f)) { // also true for NaN
            return 0;
        }
        if (value >= 1f) {
            return 255;
        }
        return Math.round((value + 1f) * 127.5f);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
