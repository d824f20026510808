package dev.digitgan.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 13 part 4, the fault-injection suite ({@code ./digitgan chaos}, {@code -Pchaos}): real servers stopped and
 * started again, the trainer and the metrics service SIGKILLed, all on one rig under one sampler load of 16
 * clients; each case prints its figures in one {@code CHAOS} line and asserts the goals (no checkpoint and no event
 * lost, the run FINISHED, no failed sampler request).
 */
@Tag("chaos")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosIT {

    /** 2,048 images at batch 64: 32 steps an epoch. */
    static final int MAX_TRAIN_IMAGES = 2048;
    static final int LOAD_CONCURRENCY = 16;
    /** The kill moments are random but repeatable: the seed is printed with them. */
    static final long KILL_SEED = 13;

    private ChaosRig rig;
    private SamplerLoad load;
    private FaultCases cases;
    private final List<String> lines = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        rig = ChaosRig.start("chaos", MAX_TRAIN_IMAGES);
        load = SamplerLoad.onGrids(rig.sampler(), LOAD_CONCURRENCY);
        cases = new FaultCases(rig, load);
    }

    @AfterAll
    void stop() {
        try {
            if (load != null) {
                load.close();
            }
        } finally {
            ChaosReport.print(lines, LOAD_CONCURRENCY, rig);
            if (rig != null) {
                rig.close();
            }
        }
    }

    @Test
    @Order(1)
    void aBrokerStoppedFor20SecondsDuringTrainingLosesNoCheckpointAndNoEvent() throws Exception {
        report(cases.brokerStopped(Duration.ofSeconds(20), 8)).assertGoals();
    }

    @Test
    @Order(3)
    void anS3StoppedFor30SecondsDuringTrainingLosesNoCheckpoint() throws Exception {
        report(cases.s3Stopped(Duration.ofSeconds(30), 8)).assertGoals();
    }

    @Test
    @Order(4)
    void aTrainerKilledTenTimesResumesEachTimeAndFinishesWithEveryVersionOnce() throws Exception {
        report(cases.trainerKilled(10, 5, KILL_SEED, 12)).assertGoals();
    }

    @Test
    @Order(5)
    void aMetricsServiceKilledMidRunRebuildsTheAggregatesOfAnUninterruptedOne() throws Exception {
        report(cases.metricsKilled(4)).assertGoals();
    }

    @Test
    @Order(6)
    void theSamplerServedEveryRequestThroughAllOfIt() {
        LoadFigures all = load.figures();
        lines.add(ChaosReport.samplerLine(all, LOAD_CONCURRENCY));
        System.out.println(lines.get(lines.size() - 1));
        ChaosReport.assertNoFailedRequest(all);
    }

    private FaultCase.Outcome report(FaultCase.Outcome outcome) {
        lines.add(outcome.line());
        System.out.println(outcome.line());
        return outcome;
    }
}
