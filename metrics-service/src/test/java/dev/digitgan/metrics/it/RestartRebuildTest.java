package dev.digitgan.metrics.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.digitgan.metrics.aggregate.AggregatorSettings;
import dev.digitgan.metrics.aggregate.Events;
import dev.digitgan.metrics.aggregate.LossAggregator;
import dev.digitgan.metrics.aggregate.RunAggregate;
import dev.digitgan.metrics.aggregate.RunListener;
import dev.digitgan.metrics.aggregate.RunSummary;
import dev.digitgan.metrics.config.MetricsConfig;
import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.LossEvent;
import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.Topics;
import dev.digitgan.stack.testkit.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Restart = rebuild: an application started after a run's whole history is in the topics (with the duplicates a
 * crashing trainer leaves) ends up with exactly the aggregates of an aggregator fed that history directly, and
 * the history read a second time changes nothing but the duplicate counters.
 */
@QuarkusTest
@WithTestResource(PrefilledTopics.class)
class RestartRebuildTest {

    @Inject
    LossAggregator aggregator;

    @Inject
    MetricsConfig config;

    @Test
    void aRestartedServiceRebuildsTheSameAggregatesAndCountsNothingTwice() {
        String runId = System.getProperty(PrefilledTopics.RUN_PROPERTY);
        RestartLog.Log log = RestartLog.of(runId);
        List<LossEvent> losses = log.losses().stream().map(json -> decode(json, LossEvent.class)).toList();
        List<RunStatus> statuses = log.statuses().stream().map(json -> decode(json, RunStatus.class)).toList();
        List<CheckpointEvent> logged = log.checkpoints().stream().map(json -> decode(json, CheckpointEvent.class))
                .toList();
        LossAggregator expected = new LossAggregator(
                new AggregatorSettings(config.movingAverageWindow(), config.historyCapacity()), RunListener.NONE);
        losses.forEach(expected::accept);
        statuses.forEach(expected::accept);
        logged.forEach(expected::accept);
        RunAggregate want = expected.run(runId).orElseThrow();
        assertThat(want.quality().scoredCheckpoints()).as("v1 checkpoints unscored")
                .isEqualTo(RestartLog.CHECKPOINTS - 2);
        assertThat(want.quality().versions().get(RestartLog.CHECKPOINTS - 1).scores()).as("with its final score")
                .hasSize(2);
        assertThat(want.lossEvents()).isEqualTo(RestartLog.STEPS);
        assertThat(want.duplicateLossEvents()).isEqualTo(losses.size() - RestartLog.STEPS);

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            RunSummary got = aggregator.run(runId).map(RunAggregate::summary).orElse(null);
            assertThat(got).isEqualTo(want.summary());
        });
        RunAggregate got = aggregator.run(runId).orElseThrow();
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(got.quality()).isEqualTo(want.quality()));
        assertThat(got.epochs()).isEqualTo(want.epochs());
        assertThat(got.history(10_000)).isEqualTo(want.history(10_000));
        assertThat(got.history(50)).isEqualTo(want.history(50));
        assertThat(got.summary().state()).as("the newest status, not the last published").isEqualTo("FINISHED");
        assertThat(Scrape.value("gan_loss_events_total", runId)).hasValue(RestartLog.STEPS);
        assertThat(Scrape.value("gan_completed_epoch", runId)).hasValue(4);
        assertThat(Scrape.value("gan_quality_frechet_distance", runId)).hasValue(want.qualityFrechetDistance());
        assertThat(Scrape.value("gan_quality_best_frechet_distance", runId)).hasValue(want.bestFrechetDistance());
        assertThat(Scrape.value("gan_quality_checkpoint_version", runId)).hasValue(RestartLog.CHECKPOINTS);
        assertThat(Scrape.value("gan_quality_samples", runId)).hasValue(500);

        // The whole history once more (a second replay, or a producer re-sending everything), and checkpoints
        // published twice more, unscored: nothing is counted twice, and no score changes.
        List<CheckpointEvent> checkpoints = LongStream.rangeClosed(1, RestartLog.CHECKPOINTS)
                .mapToObj(version -> Events.checkpoint(runId, version, version * RestartLog.STEPS_PER_CHECKPOINT))
                .toList();
        double checkpointDuplicatesAfter = want.duplicateCheckpoints() + 2 * checkpoints.size();
        try (TestKafka kafka = TestKafka.fromRunningApplication()) {
            kafka.publish(Topics.LOSS_EVENTS, losses);
            kafka.publish(Topics.RUN_STATUS, statuses);
            kafka.publish(Topics.CHECKPOINTS, logged);
            kafka.publish(Topics.CHECKPOINTS, checkpoints);
            kafka.publish(Topics.CHECKPOINTS, checkpoints);
        }
        double duplicatesAfter = want.duplicateLossEvents() + losses.size();
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(got.duplicateLossEvents()).isEqualTo(duplicatesAfter);
            assertThat(got.duplicateCheckpoints()).isEqualTo(checkpointDuplicatesAfter + logged.size());
        });
        losses.forEach(expected::accept);
        statuses.forEach(expected::accept);
        logged.forEach(expected::accept);
        checkpoints.forEach(expected::accept);
        checkpoints.forEach(expected::accept);
        assertThat(got.summary()).isEqualTo(want.summary());
        assertThat(got.quality()).isEqualTo(want.quality());
        assertThat(got.epochs()).isEqualTo(want.epochs());
        assertThat(got.history(10_000)).isEqualTo(want.history(10_000));
        assertThat(Scrape.value("gan_loss_events_total", runId)).hasValue(RestartLog.STEPS);
        assertThat(Scrape.value("gan_checkpoints_published_total", runId)).hasValue(RestartLog.CHECKPOINTS);
        given().get("/runs/" + runId).then().statusCode(200);
    }

    private static <T extends Event> T decode(String json, Class<T> type) {
        return new EventCodec().decode(json.getBytes(StandardCharsets.UTF_8), type);
    }
}
