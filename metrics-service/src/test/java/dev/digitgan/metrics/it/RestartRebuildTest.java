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
import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.LossEvent;
import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
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
        LossAggregator expected = new LossAggregator(
                new AggregatorSettings(config.movingAverageWindow(), config.historyCapacity()), RunListener.NONE);
        feed(expected, log);
        RunAggregate want = expected.run(runId).orElseThrow();
        assertThat(want.lossEvents()).isEqualTo(RestartLog.STEPS);
        assertThat(want.duplicateLossEvents()).isEqualTo(log.losses().size() - RestartLog.STEPS);

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
        assertThat(Scrape.value("gan_checkpoints_published_total", runId)).hasValue(RestartLog.STEPS / 250);
        assertThat(Scrape.value("gan_completed_epoch", runId)).hasValue(4);

        // The whole history once more (a second replay, or a producer re-sending everything): no double counting.
        try (TestKafka kafka = new TestKafka()) {
            kafka.publish(Topics.LOSS_EVENTS, log.losses());
            kafka.publish(Topics.CHECKPOINTS, log.checkpoints());
            kafka.publish(Topics.RUN_STATUS, log.statuses());
        }
        double duplicatesAfter = want.duplicateLossEvents() + log.losses().size();
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(got.duplicateLossEvents()).isEqualTo(duplicatesAfter));
        feed(expected, log);
        assertThat(got.summary()).isEqualTo(want.summary());
        assertThat(got.epochs()).isEqualTo(want.epochs());
        assertThat(got.history(10_000)).isEqualTo(want.history(10_000));
        assertThat(Scrape.value("gan_loss_events_total", runId)).hasValue(RestartLog.STEPS);
        given().get("/runs/" + runId).then().statusCode(200);
    }

    private static void feed(LossAggregator aggregator, RestartLog.Log log) {
        for (Event e : log.losses()) {
            aggregator.accept((LossEvent) e);
        }
        for (Event e : log.checkpoints()) {
            aggregator.accept((CheckpointEvent) e);
        }
        for (Event e : log.statuses()) {
            aggregator.accept((RunStatus) e);
        }
    }
}
