package dev.digitgan.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;

/**
 * The fault cases of issue 13 part 4, each on a run of its own on one rig, under the same sampler load: what is done
 * to which process, and the figures that come out. The goals are asserted by the callers
 * ({@link FaultCase.Outcome#assertGoals()}), so that each suite chooses its cases.
 */
final class FaultCases {

    static final Duration RUN_TIMEOUT = Duration.ofMinutes(6);

    private final ChaosRig rig;
    private final SamplerLoad load;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    FaultCases(ChaosRig rig, SamplerLoad load) {
        this.rig = rig;
        this.load = load;
    }

    /**
     * The broker really stopped (SIGTERM, its controlled shutdown; the process gone) for {@code down} once the run
     * has announced two checkpoints, then started again on the same port and data.
     */
    FaultCase.Outcome brokerStopped(Duration down, int epochs) throws Exception {
        return brokerStopped("broker-stop-" + down.toSeconds() + "s", down, epochs);
    }

    /** As {@link #brokerStopped(Duration, int)}, under another name (the same fault with other settings). */
    FaultCase.Outcome brokerStopped(String name, Duration down, int epochs) throws Exception {
        FaultCase fault = new FaultCase(rig, load, name, "chaos-" + name, epochs);
        fault.awaitAnnounced(2);
        long t0 = System.nanoTime();
        rig.stack().kafka().stop();
        Thread.sleep(down.toMillis());
        rig.stack().kafka().restart();
        return fault.finish(String.format("broker process gone %.1f s (stop to ready again)",
                (System.nanoTime() - t0) / 1e9));
    }

    /** S3Proxy really stopped for {@code down} once the run has announced two checkpoints, then started again. */
    FaultCase.Outcome s3Stopped(Duration down, int epochs) throws Exception {
        FaultCase fault = new FaultCase(rig, load, "s3-stop-" + down.toSeconds() + "s", "chaos-s3", epochs);
        fault.awaitAnnounced(2);
        long t0 = System.nanoTime();
        rig.stack().s3().stop();
        Thread.sleep(down.toMillis());
        rig.stack().s3().restart();
        return fault.finish(String.format("S3 process gone %.1f s (stop to ready again)",
                (System.nanoTime() - t0) / 1e9));
    }

    /**
     * The trainer SIGKILLed {@code kills} times, each time started again with the same instance id (so it resumes
     * the run from its newest checkpoint). Kill {@code storeAnnounceKill} (1-based) lands between storing a checkpoint
     * in S3 and announcing it: the broker is frozen (SIGSTOP), the new object awaited in S3, the trainer killed, the
     * broker let go (SIGCONT). The others land a random 0.5-4 s after the trainer is ready again.
     */
    FaultCase.Outcome trainerKilled(int kills, int storeAnnounceKill, long seed, int epochs) throws Exception {
        FaultCase fault = new FaultCase(rig, load, "trainer-sigkill-x" + kills, "chaos-kill", epochs);
        RunWatch watch = fault.watch();
        Random random = new Random(seed);
        fault.awaitAnnounced(1);
        List<String> moments = new ArrayList<>();
        for (int k = 1; k <= kills; k++) {
            if (k == storeAnnounceKill) {
                moments.add(killBetweenStoreAndAnnounce(watch));
            } else {
                Thread.sleep(500 + random.nextInt(3_500));
                watch.poll();
                requireStillRunning(watch, k);
                rig.killTrainer();
                moments.add("step " + watch.highestStep());
            }
            rig.restartTrainer();
        }
        FaultCase.Outcome outcome = fault.finish("");
        return outcome.with(String.format("%d kills (seed %d) at %s; steps retrained %,d (loss events sent again)",
                kills, seed, String.join(", ", moments), outcome.run().losses().resent()), List.of());
    }

    /**
     * A SIGKILL after a checkpoint's objects are stored and before its event is committed. The trainer writes
     * "storing checkpoint N" (acknowledged) right before it stores N's objects and N's event right after them, so the
     * broker is frozen as soon as that status is read, the trainer killed once N's object is in S3, and the broker let
     * go. When the event had been committed before the freeze (the window is tens of milliseconds), the kill counts as
     * a plain one and the next checkpoint is tried, up to five times.
     */
    private String killBetweenStoreAndAnnounce(RunWatch watch) {
        for (int attempt = 1; attempt <= 5; attempt++) {
            // Only once the resumed run trains: a trainer resuming waits for Kafka to acknowledge its RUNNING status
            // before its first step, so a broker frozen before that would hold the run until its ack wait fails it.
            watch.poll();
            long stepBefore = watch.highestStep();
            watch.awaitUntil("the resumed run to train past step " + stepBefore, RUN_TIMEOUT,
                    () -> rig.trainer().requireAlive(), () -> watch.highestStep() > stepBefore);
            long target = Math.max(watch.highestAnnounced(), watch.storedVersions().stream().mapToLong(v -> v)
                    .max().orElse(0)) + 1;
            watch.awaitStatusMessage("storing checkpoint " + target, RUN_TIMEOUT, () -> rig.trainer().requireAlive());
            rig.stack().kafka().pause();
            try {
                await("checkpoint " + target + " stored in S3 while the broker is frozen")
                        .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).pollInSameThread()
                        .until(() -> {
                            rig.trainer().requireAlive();
                            return watch.storedVersions().contains(target);
                        });
                rig.killTrainer();
            } finally {
                rig.stack().kafka().resume();
            }
            watch.poll();
            if (watch.highestAnnounced() < target) {
                return "v" + target + " stored, not yet announced (broker frozen; attempt " + attempt + ")";
            }
            rig.restartTrainer(); // announced before the freeze: a plain kill; the next checkpoint is tried
        }
        throw new IllegalStateException("five kills in a row came after the checkpoint's event: the window was missed");
    }

    private static void requireStillRunning(RunWatch watch, int kill) {
        watch.latestStatus().filter(s -> s.state().isFinal()).ifPresent(s -> {
            throw new IllegalStateException("the run ended " + s.state() + " before kill " + kill
                    + ": make it longer");
        });
    }

    /**
     * The metrics service SIGKILLed once the run has announced two checkpoints and started again at once; at the end
     * its {@code gan_*} series of the run must equal those of the reference instance that ran through, and its counts
     * what the topics hold.
     */
    FaultCase.Outcome metricsKilled(int epochs) throws Exception {
        FaultCase fault = new FaultCase(rig, load, "metrics-sigkill", "chaos-metrics", epochs);
        fault.awaitAnnounced(2);
        rig.killAndRestartMetrics();
        FaultCase.Outcome outcome = fault.finish("");
        String runId = fault.watch().runId();
        long lastStep = outcome.run().status().totalSteps();
        SortedMap<String, String> restarted = awaitSeries(rig.metrics(), runId, lastStep);
        SortedMap<String, String> reference = awaitSeries(rig.referenceMetrics(), runId, lastStep);
        MetricsComparison comparison = MetricsComparison.of(restarted, reference, outcome.run(), runId);
        return outcome.with(comparison.figures(), comparison.identical() ? List.of() : List.of(comparison.figures()));
    }

    /** The run's gan_* series once the instance shows the last step and the final status. */
    private SortedMap<String, String> awaitSeries(ServiceProcess metrics, String runId, long lastStep) {
        return await(metrics.name() + " to show step " + lastStep + " of " + runId).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).pollInSameThread().until(() -> {
                    metrics.requireAlive();
                    PrometheusText text = new PrometheusText(scrape(metrics));
                    return text.series("gan_", "run_id", runId);
                }, series -> Double.toString(lastStep).equals(series.get("gan_step{run_id=\"" + runId + "\"}"))
                        && series.keySet().stream().anyMatch(k -> k.startsWith("gan_quality_final_")));
    }

    private String scrape(ServiceProcess metrics) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(metrics.uri("/q/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
