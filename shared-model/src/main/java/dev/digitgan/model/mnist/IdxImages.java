package dev.digitgan.model.mnist;

/**
 * The content of an IDX3 unsigned-byte image file.
 *
 * @param pixels {@code count * rows * cols} unsigned bytes (read with {@code & 0xFF}), image after
 *               image, each row-major
 */
public record IdxImages(int count, int rows, int cols, byte[] pixels) {

    public IdxImages {
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException(
                    "dimensions must be count >= 0, rows > 0, cols > 0, got " + count + "x" + rows + "x" + cols);
        }
        if (pixels == null || pixels.length != (long) count * rows * cols) {
            throw new IllegalArgumentException("expected " + (long) count * rows * cols + " pixels, got "
                    + (pixels == null ? "null" : pixels.length));
        }
    }

    /** Unsigned value 0..255 of one pixel. */
    public int pixel(int image, int row, int col) {
        if (image < 0 || image >= count || row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException(
                    "pixel (" + image + ", " + row + ", " + col + ") outside " + count + "x" + rows + "x" + cols);
        }
        return pixels[(image * rows + row) * cols + col] & 0xFF;
    }
}
