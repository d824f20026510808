package dev.digitgan.metrics.aggregate;

import static dev.digitgan.metrics.aggregate.Events.checkpoint;
import static dev.digitgan.metrics.aggregate.Events.loss;
import static dev.digitgan.metrics.aggregate.Events.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.digitgan.metrics.aggregate.EpochQuantity.Statistic;
import dev.digitgan.model.events.LossEvent;
import dev.digitgan.model.events.RunStatus.State;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class LossAggregatorTest {

    private final List<String> runsAdded = new CopyOnWriteArrayList<>();
    private final List<Long> stepsStreamed = new CopyOnWriteArrayList<>();
    private final LossAggregator aggregator = new LossAggregator(new AggregatorSettings(3, 16), new RunListener() {
        @Override
        public void runAdded(RunAggregate run) {
            runsAdded.add(run.runId());
        }

        @Override
        public void lossAccepted(LossEvent event) {
            stepsStreamed.add(event.step());
        }
    });

    @Test
    void latestValuesComeFromTheGreatestStepNotTheLastArrival() {
        aggregator.accept(loss("a", 2, 1, 0.7, 1.5));
        aggregator.accept(loss("a", 1, 1, 0.9, 1.1));
        RunAggregate run = aggregator.run("a").orElseThrow();
        assertThat(run.step()).isEqualTo(2.0);
        assertThat(run.discriminatorLoss()).isEqualTo(0.7);
        assertThat(run.generatorLoss()).isEqualTo(1.5);
        assertThat(run.dReal()).isEqualTo(0.5 + 0.7 / 100);
        assertThat(run.imagesPerSecond()).isEqualTo(1002.0);
    }

    @Test
    void duplicateStepsAndVersionsAreCountedOnce() {
        for (int round = 0; round < 3; round++) {
            for (long step = 1; step <= 10; step++) {
                aggregator.accept(loss("a", step, 1, step, 10 - step));
            }
            aggregator.accept(checkpoint("a", 1, 5));
            aggregator.accept(checkpoint("a", 2, 10));
        }
        RunAggregate run = aggregator.run("a").orElseThrow();
        assertThat(run.lossEvents()).isEqualTo(10.0);
        assertThat(run.duplicateLossEvents()).isEqualTo(20.0);
        assertThat(run.checkpoints()).isEqualTo(2.0);
        assertThat(run.duplicateCheckpoints()).isEqualTo(4.0);
        assertThat(run.latestCheckpointVersion()).isEqualTo(2.0);
        assertThat(stepsStreamed).as("each step streamed once").hasSize(10).doesNotHaveDuplicates();
        assertThat(run.history(100).stream().mapToLong(LossPoint::count).sum()).isEqualTo(10);
        assertThat(run.epochs()).singleElement().satisfies(e -> assertThat(e.steps()).isEqualTo(10));
        // Moving average over the window of 3: the first occurrences of steps 8, 9, 10 only.
        assertThat(run.discriminatorLossMovingAverage()).isEqualTo(9.0);
    }

    @Test
    void theFirstValueOfAStepWinsWhenARestartedTrainerSendsItAgain() {
        aggregator.accept(loss("a", 1, 1, 1.0, 1.0));
        aggregator.accept(loss("a", 1, 1, 5.0, 5.0));
        RunAggregate run = aggregator.run("a").orElseThrow();
        assertThat(run.discriminatorLoss()).isEqualTo(1.0);
        assertThat(run.epochs().get(0).discriminatorLoss().max()).isEqualTo(1.0);
    }

    @Test
    void epochStatisticsAreExactAndCompleteOnlyOnceTheNextEpochStarts() {
        int stepsPerEpoch = 50;
        List<LossEvent> epoch1 = new ArrayList<>();
        for (long step = 1; step <= stepsPerEpoch; step++) {
            LossEvent e = loss("a", step, stepsPerEpoch);
            epoch1.add(e);
            aggregator.accept(e);
        }
        RunAggregate run = aggregator.run("a").orElseThrow();
        assertThat(run.completedEpoch()).as("epoch 1 still running").isNaN();
        assertThat(run.completedEpochStat(EpochQuantity.DISCRIMINATOR_LOSS, Statistic.MEAN)).isNaN();
        assertThat(run.epochs()).singleElement().satisfies(e -> assertThat(e.complete()).isFalse());

        aggregator.accept(loss("a", stepsPerEpoch + 1, stepsPerEpoch));
        assertThat(run.completedEpoch()).isEqualTo(1.0);
        double[] d = epoch1.stream().mapToDouble(LossEvent::discriminatorLoss).toArray();
        double[] g = epoch1.stream().mapToDouble(LossEvent::generatorLoss).toArray();
        double[] fake = epoch1.stream().mapToDouble(LossEvent::dFake).toArray();
        assertThat(run.completedEpochStat(EpochQuantity.DISCRIMINATOR_LOSS, Statistic.MEAN))
                .isCloseTo(DoubleStream.of(d).average().orElseThrow(), within(1e-12));
        assertThat(run.completedEpochStat(EpochQuantity.DISCRIMINATOR_LOSS, Statistic.MIN))
                .isEqualTo(DoubleStream.of(d).min().orElseThrow());
        assertThat(run.completedEpochStat(EpochQuantity.GENERATOR_LOSS, Statistic.MAX))
                .isEqualTo(DoubleStream.of(g).max().orElseThrow());
        assertThat(run.completedEpochStat(EpochQuantity.D_FAKE, Statistic.MEAN))
                .isCloseTo(DoubleStream.of(fake).average().orElseThrow(), within(1e-12));

        List<EpochSummary> epochs = run.epochs();
        assertThat(epochs).extracting(EpochSummary::epoch).containsExactly(1, 2);
        assertThat(epochs).extracting(EpochSummary::complete).containsExactly(true, false);
        assertThat(epochs.get(0).firstStep()).isEqualTo(1);
        assertThat(epochs.get(0).lastStep()).isEqualTo(stepsPerEpoch);
        assertThat(epochs.get(0).durationSeconds()).isCloseTo((stepsPerEpoch - 1) * 0.01, within(1e-9));
    }

    @Test
    void aFinishedRunCompletesItsLastEpochButAStoppedOneDoesNot() {
        for (long step = 1; step <= 20; step++) {
            aggregator.accept(loss("a", step, 10));
            aggregator.accept(loss("b", step, 10));
        }
        aggregator.accept(status("a", State.FINISHED, 10));
        aggregator.accept(status("b", State.STOPPED, 10));
        assertThat(aggregator.run("a").orElseThrow().completedEpoch()).isEqualTo(2.0);
        assertThat(aggregator.run("b").orElseThrow().completedEpoch()).isEqualTo(1.0);
    }

    @Test
    void anOlderStatusNeverReplacesANewerOne() {
        aggregator.accept(status("a", State.FINISHED, 20));
        assertThat(aggregator.accept(status("a", State.RUNNING, 10))).isFalse();
        assertThat(aggregator.run("a").orElseThrow().summary().state()).isEqualTo("FINISHED");
        assertThat(aggregator.run("a").orElseThrow().plannedEpochs()).isEqualTo(2.0);
        assertThat(aggregator.run("a").orElseThrow().totalSteps()).isEqualTo(200.0);
    }

    @Test
    void everyRunIsAnnouncedOnceWhateverEventComesFirst() {
        aggregator.accept(checkpoint("c", 1, 1));
        aggregator.accept(loss("c", 1, 1, 1, 1));
        aggregator.accept(status("d", State.REQUESTED, 1));
        aggregator.accept(loss("d", 1, 1, 1, 1));
        aggregator.accept(loss("e", 1, 1, 1, 1));
        assertThat(runsAdded).containsExactlyInAnyOrder("c", "d", "e");
        assertThat(aggregator.runs()).extracting(RunAggregate::runId).containsExactly("c", "d", "e");
    }

    @Test
    void aRunWithoutLossEventsHasNoValuesYet() {
        aggregator.accept(status("a", State.REQUESTED, 1));
        RunAggregate run = aggregator.run("a").orElseThrow();
        assertThat(run.discriminatorLoss()).isNaN();
        assertThat(run.discriminatorLossMovingAverage()).isNaN();
        RunSummary summary = run.summary();
        assertThat(summary.discriminatorLoss()).isNull();
        assertThat(summary.step()).isNull();
        assertThat(summary.lossEvents()).isZero();
        assertThat(summary.state()).isEqualTo("REQUESTED");
        assertThat(aggregator.run("unknown")).isEmpty();
    }

    /** The property restart-rebuild relies on: replaying the log, with duplicates, gives the same state. */
    @Test
    void replayingTheSameLogWithDuplicatesGivesIdenticalAggregates() {
        Random random = new Random(3);
        List<Object> log = new ArrayList<>();
        for (long step = 1; step <= 3_000; step++) {
            log.add(loss(step % 3 == 0 ? "x" : "y", step, 1 + (int) (step / 700),
                    random.nextDouble(), random.nextDouble()));
            if (step % 250 == 0) {
                String run = step % 500 == 0 ? "x" : "y";
                // Every other checkpoint scored, as after a trainer upgrade (v1 then v2 events).
                log.add(step % 750 == 0 ? checkpoint(run, step / 250, step)
                        : Events.scored(run, step / 250, step, Events.scores(random.nextDouble() * 100, 2, 3, 500)));
            }
        }
        // The trainer resumed twice and re-sent a stretch of steps.
        List<Object> withDuplicates = new ArrayList<>(log);
        withDuplicates.addAll(900, log.subList(700, 900));
        withDuplicates.addAll(log.subList(2_000, 2_100));

        LossAggregator first = feed(log);
        LossAggregator rebuilt = feed(withDuplicates);
        LossAggregator rebuiltAgain = feed(withDuplicates);
        for (String runId : List.of("x", "y")) {
            RunAggregate a = first.run(runId).orElseThrow();
            RunAggregate b = rebuilt.run(runId).orElseThrow();
            RunAggregate c = rebuiltAgain.run(runId).orElseThrow();
            assertThat(comparable(b.summary())).isEqualTo(comparable(a.summary()));
            assertThat(b.epochs()).isEqualTo(a.epochs());
            assertThat(b.history(500)).isEqualTo(a.history(500));
            assertThat(b.quality()).isEqualTo(a.quality());
            assertThat(a.quality().scoredCheckpoints()).isPositive().isLessThan(a.quality().checkpoints());
            assertThat(c.summary()).isEqualTo(b.summary());
            assertThat(c.history(16)).isEqualTo(b.history(16));
        }
    }

    @Test
    void memoryStaysBoundedForAVeryLongRun() {
        LossAggregator big = new LossAggregator(new AggregatorSettings(100, 256), RunListener.NONE);
        List<Long> order = new ArrayList<>();
        for (long step = 1; step <= 300_000; step++) {
            order.add(step);
        }
        // Mostly in order with local shuffles, as a trainer that batches its sends might produce.
        for (int i = 0; i + 10 <= order.size(); i += 10) {
            Collections.shuffle(order.subList(i, i + 10), new Random(i));
        }
        for (long step : order) {
            big.accept(loss("long", step, 6_000));
        }
        RunAggregate run = big.run("long").orElseThrow();
        assertThat(run.lossEvents()).isEqualTo(300_000.0);
        assertThat(run.stepIntervals()).isEqualTo(1);
        assertThat(run.historyBuckets()).isLessThanOrEqualTo(256);
        assertThat(run.epochs()).hasSize(50);
    }

    private static LossAggregator feed(List<Object> events) {
        LossAggregator aggregator = new LossAggregator(new AggregatorSettings(10, 64), RunListener.NONE);
        for (Object event : events) {
            if (event instanceof LossEvent loss) {
                aggregator.accept(loss);
            } else {
                aggregator.accept((dev.digitgan.model.events.CheckpointEvent) event);
            }
        }
        return aggregator;
    }

    /** A summary without the duplicate counter, which differs by design between the two logs. */
    private static RunSummary comparable(RunSummary s) {
        return new RunSummary(s.runId(), s.state(), s.preset(), s.plannedEpochs(), s.totalSteps(), s.step(), s.epoch(),
                s.completedEpoch(), s.discriminatorLoss(), s.generatorLoss(), s.dReal(), s.dFake(), s.imagesPerSecond(),
                s.discriminatorLossMovingAverage(), s.generatorLossMovingAverage(), s.lossEvents(), 0, s.checkpoints(),
                s.latestCheckpointVersion(), s.scoredCheckpoints(), s.quality(), s.lastLossTime());
    }
}
