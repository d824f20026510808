package dev.digitgan.metrics.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.digitgan.metrics.aggregate.AggregatorSettings;
import dev.digitgan.metrics.aggregate.LossAggregator;
import dev.digitgan.metrics.aggregate.RunAggregate;
import dev.digitgan.metrics.aggregate.RunListener;
import dev.digitgan.metrics.aggregate.RunSummary;
import dev.digitgan.metrics.config.MetricsConfig;
import dev.digitgan.metrics.aggregate.Events;
import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.LossEvent;
import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.Topics;
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
        LossAggregator expected = new LossAggregator(
                new AggregatorSettings(config.movingAverageWindow(), config.historyCapacity()), RunListener.NONE);
        losses.forEach(expected::accept);
        statuses.forEach(expected::accept);
        RunAggregate want = expected.run(runId).orElseThrow();
        assertThat(want.lossEvents()).isEqualTo(RestartLog.STEPS);
        assertThat(want.duplicateLossEvents()).isEqualTo(losses.size() - RestartLog.STEPS);

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            RunSummary got = aggregator.run(runId).map(RunAggregate::summary).orElse(null);
            assertThat(got).isEqualTo(want.summary());
        });
        RunAggregate got = aggregator.run(runId).orElseThrow();
        assertThat(got.epochs()).isEqualTo(want.epochs());
        assertThat(got.history(10_000)).isEqualTo(want.history(10_000));
        assertThat(got.history(50)).isEqualTo(want.history(50));
        assertThat(got.summary().state()).as("the newest status, not the last published").isEqualTo("FINISHED");
        assertThat(Scrape.value("gan_loss_events_total", runId)).hasValue(RestartLog.STEPS);
        assertThat(Scrape.value("gan_completed_epoch", runId)).hasValue(4);

        // The whole history once more (a second replay, or a producer re-sending everything), and checkpoints
        // published twice: nothing is counted twice.
        List<CheckpointEvent> checkpoints = LongStream.rangeClosed(1, 6)
                .mapToObj(version -> Events.checkpoint(runId, version, version * 250)).toList();
        try (TestKafka kafka = new TestKafka()) {
            kafka.publish(Topics.LOSS_EVENTS, losses);
            kafka.publish(Topics.RUN_STATUS, statuses);
            kafka.publish(Topics.CHECKPOINTS, checkpoints);
            kafka.publish(Topics.CHECKPOINTS, checkpoints);
        }
        double duplicatesAfter = want.duplicateLossEvents() + losses.size();
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(got.duplicateLossEvents()).isEqualTo(duplicatesAfter);
            assertThat(got.duplicateCheckpoints()).isEqualTo(6.0);
        });
        losses.forEach(expected::accept);
        statuses.forEach(expected::accept);
        checkpoints.forEach(expected::accept);
        checkpoints.forEach(expected::accept);
        assertThat(got.summary()).isEqualTo(want.summary());
        assertThat(got.epochs()).isEqualTo(want.epochs());
        assertThat(got.history(10_000)).isEqualTo(want.history(10_000));
        assertThat(Scrape.value("gan_loss_events_total", runId)).hasValue(RestartLog.STEPS);
        assertThat(Scrape.value("gan_checkpoints_published_total", runId)).hasValue(6);
        given().get("/runs/" + runId).then().statusCode(200);
    }

    private static <T extends Event> T decode(String json, Class<T> type) {
        return new EventCodec().decode(json.getBytes(StandardCharsets.UTF_8), type);
    }
}
