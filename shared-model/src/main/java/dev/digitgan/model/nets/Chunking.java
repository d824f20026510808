package dev.digitgan.model.nets;

/**
 * {@code length} items (values or rows) cut into chunks of {@code chunkSize}, the last one shorter: the blocks that
 * the Java kernels hand to {@link KernelThreads#forEachBlock}, each with its own scratch arrays per range. There is
 * always at least one chunk (empty for a length of 0), so per-chunk partial sums always have a first row.
 */
record Chunking(int length, int chunkSize) {

    Chunking {
        if (length < 0 || chunkSize < 1) {
            throw new IllegalArgumentException("need a length >= 0 and a chunk size >= 1, got " + length + " and "
                    + chunkSize);
        }
    }

    int count() {
        return Math.max(1, (int) (((long) length + chunkSize - 1) / chunkSize));
    }

    /** The first item of chunk {@code chunk}. */
    int start(int chunk) {
        return (int) Math.min(length, (long) chunk * chunkSize);
    }

    /** One past the last item of chunk {@code chunk}. */
    int end(int chunk) {
        return (int) Math.min(length, ((long) chunk + 1) * chunkSize);
    }
}
