package dev.digitgan.sampler.bench;

import dev.digitgan.sampler.model.GeneratorPool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The alternative to a pool of copies, for the benchmark only: one generator, one thread that takes
 * whatever requests are waiting (up to {@code maxBatch}), runs them as one forward pass, and splits the
 * output. Fewer, larger matrix products, but every request waits for the whole batch.
 */
final class MicroBatcher implements AutoCloseable {

    private record Job(float[] z, int count, CompletableFuture<float[]> result) {
    }

    private final GeneratorPool single;
    private final int latent;
    private final int maxBatch;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Thread worker;
    private volatile boolean running = true;

    MicroBatcher(GeneratorPool single, int maxBatch) {
        this.single = single;
        this.latent = single.latentSize();
        this.maxBatch = maxBatch;
        this.worker = new Thread(this::loop, "micro-batcher");
        worker.setDaemon(true);
        worker.start();
    }

    float[] generate(float[] z, int count) {
        Job job = new Job(z, count, new CompletableFuture<>());
        queue.add(job);
        return job.result().join();
    }

    private void loop() {
        List<Job> batch = new ArrayList<>();
        while (running) {
            try {
                Job first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                int total = batch.stream().mapToInt(Job::count).sum();
                float[] z = new float[total * latent];
                int at = 0;
                for (Job j : batch) {
                    System.arraycopy(j.z(), 0, z, at * latent, j.count() * latent);
                    at += j.count();
                }
                float[] out = single.generate(z, total);
                at = 0;
                for (Job j : batch) {
                    float[] mine = new float[j.count() * GeneratorPool.PIXELS];
                    System.arraycopy(out, at * GeneratorPool.PIXELS, mine, 0, mine.length);
                    at += j.count();
                    j.result().complete(mine);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                batch.forEach(j -> j.result().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
    }
}
