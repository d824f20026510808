package dev.digitgan.e2e;

import dev.digitgan.model.events.RunStatus;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.SoftAssertions;

/**
 * One fault case: a run requested on the rig, watched on the topics, and at the end its figures against the goals,
 * together with what the sampler load got meanwhile.
 */
final class FaultCase {

    private final ChaosRig rig;
    private final SamplerLoad load;
    private final String name;
    private final RunWatch watch;
    private final LoadFigures loadAtStart;
    private final long started = System.nanoTime();

    /** Requests the run: {@code epochs} of the rig's images, batch 64, a checkpoint every 16 steps. */
    FaultCase(ChaosRig rig, SamplerLoad load, String name, String runId, int epochs) throws Exception {
        this.rig = rig;
        this.load = load;
        this.name = name;
        this.loadAtStart = load.figures();
        this.watch = new RunWatch(rig.kafka(), rig.s3(), runId);
        rig.requestRun(runId, epochs, ChaosRig.BATCH, ChaosRig.CHECKPOINT_EVERY);
    }

    RunWatch watch() {
        return watch;
    }

    /** Waits until checkpoint {@code version} is announced: the run is training. */
    void awaitAnnounced(long version) {
        watch.awaitUntil("checkpoint " + version + " announced", FaultCases.RUN_TIMEOUT,
                () -> rig.trainer().requireAlive(), () -> watch.highestAnnounced() >= version);
    }

    /** Waits for the run's final status, then reads the topics and S3 for the figures. */
    Outcome finish(String extra) {
        watch.awaitFinal(FaultCases.RUN_TIMEOUT, () -> rig.trainer().requireAlive());
        RunWatch.RunRecord record = watch.record();
        LoadFigures served = load.figures().since(loadAtStart);
        watch.close();
        return new Outcome(name, record, served, extra, List.of(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * @param extra  what only this case measures (how long the server was down, the kills ...)
     * @param broken goals only this case has, that it did not meet
     */
    record Outcome(String name, RunWatch.RunRecord run, LoadFigures load, String extra, List<String> broken,
                   Duration took) {

        Outcome with(String moreFigures, List<String> moreBroken) {
            String figures = extra.isEmpty() ? moreFigures : extra + "; " + moreFigures;
            return new Outcome(name, run, load, figures, moreBroken, took);
        }

        /** {@code CHAOS name: checkpoints ...; loss events ...; run FINISHED; sampler 0/n failed; ... (s)}. */
        String line() {
            return String.format("CHAOS %s: %s; %s; %s; %s%s (%.0f s)", name, run.checkpoints().figures(),
                    run.losses().figures(), run.outcome(), load.figures(), extra.isEmpty() ? "" : "; " + extra,
                    took.toMillis() / 1000.0);
        }

        /** Every goal, all checked (soft assertions), so that one failure does not hide another. */
        void assertGoals() {
            SoftAssertions goals = new SoftAssertions();
            goals.assertThat(run.checkpoints().intact()).as("%s: checkpoints intact: %s", name,
                    run.checkpoints().figures()).isTrue();
            goals.assertThat(run.losses().intact()).as("%s: loss events intact: %s", name, run.losses().figures())
                    .isTrue();
            goals.assertThat(run.status().state()).as("%s: %s", name, run.outcome())
                    .isEqualTo(RunStatus.State.FINISHED);
            goals.assertThat(load.failed()).as("%s: %s", name, load.figures()).isZero();
            goals.assertThat(load.requests()).as("%s: sampler requests answered during the case", name).isPositive();
            goals.assertThat(broken).as("%s: %s", name, extra).isEmpty();
            goals.assertAll();
        }
    }
}
