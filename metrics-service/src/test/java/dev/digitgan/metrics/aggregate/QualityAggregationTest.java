package dev.digitgan.metrics.aggregate;

import static dev.digitgan.metrics.aggregate.Events.checkpoint;
import static dev.digitgan.metrics.aggregate.Events.conditionalScores;
import static dev.digitgan.metrics.aggregate.Events.finished;
import static dev.digitgan.metrics.aggregate.Events.scored;
import static dev.digitgan.metrics.aggregate.Events.scores;
import static dev.digitgan.metrics.aggregate.Events.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.quality.QualityScores;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class QualityAggregationTest {

    private final List<QualityScores> announced = new CopyOnWriteArrayList<>();
    private final List<QualityScores> finals = new CopyOnWriteArrayList<>();
    private final LossAggregator aggregator = new LossAggregator(new AggregatorSettings(3, 16), new RunListener() {
        @Override
        public void qualityScored(RunAggregate run, QualityScores scores) {
            announced.add(scores);
        }

        @Override
        public void finalScored(RunAggregate run, QualityScores scores) {
            finals.add(scores);
        }
    });

    @Test
    void unscoredCheckpointsCountAsCheckpointsButAddNoQualityPoints() {
        aggregator.accept(checkpoint("a", 1, 10));
        aggregator.accept(checkpoint("a", 2, 20));
        RunAggregate run = aggregator.run("a").orElseThrow();
        assertThat(run.checkpoints()).isEqualTo(2.0);
        assertThat(run.qualityFrechetDistance()).isNaN();
        assertThat(run.qualityCheckpointVersion()).isNaN();
        assertThat(run.bestFrechetDistance()).isNaN();
        QualitySummary quality = run.quality();
        assertThat(quality.checkpoints()).isEqualTo(2);
        assertThat(quality.scoredCheckpoints()).isZero();
        assertThat(quality.series()).isNull();
        assertThat(quality.latest()).isNull();
        assertThat(quality.versions()).extracting(CheckpointQuality::version).containsExactly(1L, 2L);
        assertThat(quality.versions()).allSatisfy(v -> assertThat(v.scores()).isEmpty());
        assertThat(run.summary().quality()).isNull();
        assertThat(announced).as("no quality gauges for an unscored run").isEmpty();
    }

    @Test
    void theGaugesShowTheNewestScoredCheckpointEvenWhenANewerOneIsUnscored() {
        aggregator.accept(scored("a", 1, 10, scores(90, 2.0, 3.0, 500)));
        aggregator.accept(scored("a", 2, 20, scores(40, 4.5, 3.1, 500)));
        aggregator.accept(checkpoint("a", 3, 30));
        RunAggregate run = aggregator.run("a").orElseThrow();
        assertThat(run.latestCheckpointVersion()).isEqualTo(3.0);
        assertThat(run.qualityCheckpointVersion()).isEqualTo(2.0);
        assertThat(run.qualityFrechetDistance()).isEqualTo(40.0);
        assertThat(run.qualityInceptionScore()).isEqualTo(4.5);
        assertThat(run.qualityLabelEntropyBits()).isEqualTo(3.1);
        assertThat(run.qualitySamples()).isEqualTo(500.0);
        assertThat(run.qualityLabelAccuracy()).as("unconditional").isNaN();
        ScoredCheckpoint latest = run.summary().quality();
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.step()).isEqualTo(20);
        assertThat(latest.scores().frechetDistance()).isEqualTo(40.0);
        assertThat(run.quality().scoredCheckpoints()).isEqualTo(2);
        assertThat(run.summary().scoredCheckpoints()).isEqualTo(2);
    }

    @Test
    void newestMeansTheGreatestVersionNotTheLastArrival() {
        aggregator.accept(scored("a", 3, 30, scores(30, 5, 3, 500)));
        aggregator.accept(scored("a", 2, 20, scores(60, 3, 3, 500)));
        RunAggregate run = aggregator.run("a").orElseThrow();
        assertThat(run.qualityCheckpointVersion()).isEqualTo(3.0);
        assertThat(run.qualityFrechetDistance()).isEqualTo(30.0);
        assertThat(run.quality().versions()).extracting(CheckpointQuality::version).containsExactly(2L, 3L);
    }

    @Test
    void theBestSoFarIsTheLowestFrechetDistanceAndCanBeOlderThanTheNewest() {
        aggregator.accept(scored("a", 1, 10, scores(80, 2, 3, 500)));
        aggregator.accept(scored("a", 2, 20, scores(25, 6, 3.2, 500)));
        aggregator.accept(scored("a", 3, 30, scores(25, 6, 3.2, 500)));
        aggregator.accept(scored("a", 4, 40, scores(55, 4, 2.5, 500)));
        RunAggregate run = aggregator.run("a").orElseThrow();
        assertThat(run.qualityFrechetDistance()).isEqualTo(55.0);
        assertThat(run.bestFrechetDistance()).isEqualTo(25.0);
        assertThat(run.quality().best().version()).as("the earlier one of a tie").isEqualTo(2);
        assertThat(run.quality().latest().version()).isEqualTo(4);
    }

    @Test
    void theFirstScoreOfAVersionWinsWhenTheEventIsSentAgain() {
        aggregator.accept(scored("a", 1, 10, scores(70, 2, 3, 500)));
        aggregator.accept(scored("a", 1, 10, scores(10, 9, 3.3, 500)));
        aggregator.accept(checkpoint("a", 1, 10));
        RunAggregate run = aggregator.run("a").orElseThrow();
        assertThat(run.qualityFrechetDistance()).isEqualTo(70.0);
        assertThat(run.duplicateCheckpoints()).isEqualTo(2.0);
        assertThat(run.quality().versions()).singleElement()
                .satisfies(v -> assertThat(v.scores())
                        .extracting(QualityScores::frechetDistance)
                        .containsExactly(70.0));
        assertThat(announced).hasSize(1);
    }

    @Test
    void aFinalScoreAtAnotherNOnTheLastVersionIsKeptBesideItAndLeavesTheGaugesOnTheCheckpointSeries() {
        aggregator.accept(scored("a", 1, 10, scores(90, 2, 3, 500)));
        aggregator.accept(scored("a", 2, 20, scores(50, 4, 3, 500)));
        // The trainer's end-of-run score: the last version announced again, scored on 10,000 samples.
        aggregator.accept(scored("a", 2, 20, scores(12, 5, 3.2, 10_000)));
        RunAggregate run = aggregator.run("a").orElseThrow();
        assertThat(run.checkpoints()).as("still two checkpoints").isEqualTo(2.0);
        assertThat(run.qualitySamples()).isEqualTo(500.0);
        assertThat(run.qualityFrechetDistance()).isEqualTo(50.0);
        assertThat(run.bestFrechetDistance()).as("only N = 500 scores compete").isEqualTo(50.0);
        QualitySummary quality = run.quality();
        assertThat(quality.series()).isEqualTo(new ScoreSeries(Events.EVALUATOR, 500));
        assertThat(quality.scoredCheckpoints()).isEqualTo(2);
        assertThat(quality.versions().get(1).scores()).extracting(QualityScores::samples).containsExactly(500, 10_000);
        assertThat(announced).extracting(QualityScores::samples).containsExactly(500, 500, 10_000);
    }

    @Test
    void aFinalScoreOnANewVersionDoesNotBecomeTheHeadlineEither() {
        aggregator.accept(scored("a", 1, 10, scores(90, 2, 3, 500)));
        aggregator.accept(scored("a", 2, 20, scores(50, 4, 3, 500)));
        aggregator.accept(scored("a", 3, 20, scores(12, 5, 3.2, 10_000)));
        RunAggregate run = aggregator.run("a").orElseThrow();
        assertThat(run.qualityCheckpointVersion()).isEqualTo(2.0);
        assertThat(run.qualitySamples()).isEqualTo(500.0);
        assertThat(run.quality().versions()).hasSize(3);
    }

    @Test
    void withOneVersionScoredTwiceTheSmallerNIsTheHeadline() {
        aggregator.accept(scored("a", 1, 10, scores(12, 5, 3.2, 10_000)));
        aggregator.accept(scored("a", 1, 10, scores(40, 5, 3.2, 500)));
        RunAggregate run = aggregator.run("a").orElseThrow();
        assertThat(run.qualitySamples()).isEqualTo(500.0);
        assertThat(run.qualityFrechetDistance()).isEqualTo(40.0);
        assertThat(run.quality().versions().get(0).scores()).extracting(QualityScores::samples)
                .as("smaller N first").containsExactly(500, 10_000);
    }

    @Test
    void aConditionalRunReportsLabelAccuracy() {
        aggregator.accept(scored("c", 1, 10, conditionalScores(60, 3, 3.1, 0.42, 500)));
        aggregator.accept(scored("c", 2, 20, conditionalScores(30, 6, 3.2, 0.87, 500)));
        RunAggregate run = aggregator.run("c").orElseThrow();
        assertThat(run.qualityLabelAccuracy()).isEqualTo(0.87);
        assertThat(announced).allSatisfy(s -> assertThat(s.conditional()).isTrue());
    }

    @Test
    void runsAreScoredIndependently() {
        aggregator.accept(scored("a", 1, 10, scores(70, 2, 3, 500)));
        aggregator.accept(scored("b", 1, 10, scores(20, 7, 3.3, 500)));
        assertThat(aggregator.run("a").orElseThrow().qualityFrechetDistance()).isEqualTo(70.0);
        assertThat(aggregator.run("b").orElseThrow().qualityFrechetDistance()).isEqualTo(20.0);
    }

    @Test
    void theFinishedStatusCarriesTheFinalScoreApartFromTheCheckpointSeries() {
        aggregator.accept(scored("a", 1, 10, scores(60, 4, 3.1, 500)));
        aggregator.accept(status("a", RunStatus.State.RUNNING, 1));
        RunAggregate run = aggregator.run("a").orElseThrow();
        assertThat(run.finalScore(QualityScores::frechetDistance)).as("still running").isNaN();
        assertThat(run.quality().finalScore()).isNull();
        assertThat(finals).isEmpty();

        QualityScores last = scores(41.5, 5.5, 3.25, 10_000);
        aggregator.accept(finished("a", 2, last));

        assertThat(run.finalScore(QualityScores::frechetDistance)).isEqualTo(41.5);
        assertThat(run.finalScore(QualityScores::samples)).isEqualTo(10_000.0);
        ScoredCheckpoint filed = run.quality().finalScore();
        assertThat(filed.scores()).isEqualTo(last);
        assertThat(filed.version()).as("the status's newest checkpoint version").isEqualTo(2);
        assertThat(filed.step()).isEqualTo(200);
        assertThat(finals).containsExactly(last);
        assertThat(run.qualityFrechetDistance()).as("the checkpoint series keeps its own N").isEqualTo(60.0);
        assertThat(run.quality().series().samples()).isEqualTo(500);
        assertThat(run.quality().versions()).extracting(CheckpointQuality::version).containsExactly(1L, 2L);
        assertThat(run.quality().versions().get(1).scores()).containsExactly(last);
    }

    @Test
    void theFinalScoreJoinsItsCheckpointWhicheverTopicIsReadFirst() {
        QualityScores last = scores(41.5, 5.5, 3.25, 10_000);
        aggregator.accept(finished("a", 9, last));
        aggregator.accept(scored("a", 2, 200, scores(44, 5, 3.2, 500)));
        aggregator.accept(scored("a", 1, 100, scores(60, 4, 3.1, 500)));
        RunAggregate run = aggregator.run("a").orElseThrow();
        assertThat(run.quality().versions()).extracting(CheckpointQuality::version).containsExactly(1L, 2L);
        assertThat(run.quality().versions().get(1).scores()).extracting(QualityScores::samples)
                .containsExactlyInAnyOrder(500, 10_000);
        assertThat(run.quality().series().samples()).as("the per-checkpoint N is the headline").isEqualTo(500);
        assertThat(run.qualityFrechetDistance()).isEqualTo(44.0);
        assertThat(run.finalScore(QualityScores::frechetDistance)).isEqualTo(41.5);
        assertThat(run.checkpoints()).isEqualTo(2.0);
    }

    @Test
    void aReplayedOrOlderFinishedStatusIsAnnouncedOnce() {
        QualityScores last = scores(41.5, 5.5, 3.25, 10_000);
        aggregator.accept(finished("a", 5, last));
        aggregator.accept(finished("a", 5, last));
        aggregator.accept(status("a", RunStatus.State.RUNNING, 4));
        assertThat(finals).containsExactly(last);
        assertThat(aggregator.run("a").orElseThrow().quality().finalScore().scores()).isEqualTo(last);
    }
}
