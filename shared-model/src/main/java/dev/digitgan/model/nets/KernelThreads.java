package dev.digitgan.model.nets;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The threads this package's Java kernels split their work over: as many as libnd4j's own
 * ({@code Nd4j.getEnvironment().maxThreads()}, which follows OMP_NUM_THREADS), the calling thread being one of them.
 * A kernel cuts its work into blocks whose size does not depend on the thread count, and combines any per-block
 * partial sums in block order, so it computes the same floats with one thread or several.
 *
 * <p>Why: with OMP_NUM_THREADS=2 libnd4j and oneDNN used both cores, while these kernels ran on the calling thread
 * alone: 22 % of that thread's time in an {@code mlp} step, 17 % in a {@code dcgan} one (perf, load 1–2).
 *
 * <p>One per process ({@link #shared()}), as libnd4j's OpenMP pool is: DL4J instantiates the layers and the
 * updater from their configurations by reflection, so there is no constructor to hand a pool to. The workers are
 * daemon threads that park between calls; with one thread there are none and every call runs inline.
 */
final class KernelThreads {

    /** Less work than this per thread (values read or written) costs more to hand over than it saves. */
    static final long MIN_VALUES_PER_THREAD = 32_768;

    /** The blocks from {@code from} to {@code to} (exclusive), on one thread. */
    @FunctionalInterface
    interface BlockRange {
        void run(int from, int to);
    }

    private static final class Shared {
        private static final KernelThreads INSTANCE = new KernelThreads(Nd4j.getEnvironment().maxThreads());
    }

    private final int threads;
    private final ExecutorService workers;

    KernelThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        if (threads == 1) {
            workers = null;
        } else {
            AtomicInteger number = new AtomicInteger();
            workers = Executors.newFixedThreadPool(threads - 1, task -> {
                Thread thread = new Thread(task, "digitgan-kernel-" + number.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    static KernelThreads shared() {
        return Shared.INSTANCE;
    }

    /**
     * Runs {@code body} over blocks 0 to {@code blocks − 1}, each block once, in contiguous ranges: one range per
     * thread, the first on the calling thread, or all inline when {@code values} (the work's size) is too small to
     * share. Returns when every range is done; a range's exception is rethrown here.
     */
    void forEachBlock(int blocks, long values, BlockRange body) {
        int parts = (int) Math.min(Math.min(threads, blocks), Math.max(1, values / MIN_VALUES_PER_THREAD));
        if (parts <= 1) {
            body.run(0, blocks);
            return;
        }
        Future<?>[] others = new Future<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            int from = start(p, parts, blocks);
            int to = start(p + 1, parts, blocks);
            others[p - 1] = workers.submit(() -> body.run(from, to));
        }
        RuntimeException failure = null;
        try {
            body.run(0, start(1, parts, blocks));
        } catch (RuntimeException e) {
            failure = e;
        }
        // every range finishes before this returns, even when interrupted: they write the caller's arrays
        boolean interrupted = false;
        for (Future<?> other : others) {
            while (true) {
                try {
                    other.get();
                    break;
                } catch (ExecutionException e) {
                    failure = failure != null ? failure : asRuntime(e.getCause());
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static int start(int part, int parts, int blocks) {
        return (int) ((long) blocks * part / parts);
    }

    private static RuntimeException asRuntime(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}
