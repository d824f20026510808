package dev.digitgan.metrics.bench;

import dev.digitgan.metrics.aggregate.LossAggregator;
import dev.digitgan.metrics.aggregate.RunAggregate;
import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.LossEvent;
import dev.digitgan.model.events.Topics;
import dev.digitgan.stack.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A benchmark, not a test (it asserts nothing about speed): how many loss events per second the service absorbs
 * end to end. Each round produces N loss events of a fresh run to the real broker (acks=all, idempotent, as the
 * trainer does) and measures from the first send until the service's aggregate has counted all N. Prints the
 * figures. Run with {@code mvn -B -pl metrics-service test -Pbenchmark} (-Dbench.events=N -Dbench.rounds=R).
 */
@QuarkusTest
@Tag("benchmark")
@WithTestResource(LocalStackTestResource.class)
class LossAbsorptionBenchmark {

    @Inject
    LossAggregator aggregator;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void lossEventsPerSecondEndToEnd() throws Exception {
        int events = Integer.getInteger("bench.events", 300_000);
        int rounds = Integer.getInteger("bench.rounds", 3);
        EventCodec codec = new EventCodec();
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("linger.ms", "5");
        p.put("batch.size", Integer.toString(256 * 1024));
        p.put("compression.type", "none");
        String tag = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            System.out.printf("BENCH warm-up: %s%n",
                    round(producer, codec, "bench-warmup-" + tag, Math.min(events, 50_000)));
            List<Double> rates = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                Result result = round(producer, codec, "bench-" + r + "-" + tag, events);
                rates.add(result.endToEndPerSecond());
                System.out.printf("BENCH round %d: %s%n", r, result);
            }
            rates.sort(Double::compare);
            System.out.printf("BENCH metrics-service absorbs %,.0f loss events/s end to end"
                            + " (median of %d rounds of %,d; min %,.0f, max %,.0f); load average %.2f on %d cores%n",
                    rates.get(rates.size() / 2), rounds, events, rates.get(0), rates.get(rates.size() - 1),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
        }
    }

    private Result round(KafkaProducer<String, byte[]> producer, EventCodec codec, String runId, int events)
            throws InterruptedException {
        // Encoded before the clock starts: the figure is about the broker and the service, not this producer's JSON.
        List<byte[]> values = new ArrayList<>(events);
        Instant now = Instant.now();
        for (int step = 1; step <= events; step++) {
            Event e = new LossEvent(Event.SCHEMA_VERSION, runId, step, 1 + step / 938, 1.2 + (step % 13) / 100.0,
                    0.8 + (step % 7) / 100.0, 0.6, 0.3, 1100.0, now.plusMillis(step));
            values.add(codec.encode(e));
        }
        long start = System.nanoTime();
        for (byte[] value : values) {
            producer.send(new ProducerRecord<>(Topics.LOSS_EVENTS, runId, value));
        }
        producer.flush();
        long produced = System.nanoTime();
        while (counted(runId) < events) {
            Thread.sleep(2);
        }
        long absorbed = System.nanoTime();
        return new Result(events, (produced - start) / 1e9, (absorbed - start) / 1e9);
    }

    private long counted(String runId) {
        return aggregator.run(runId).map(RunAggregate::lossEvents).map(Double::longValue).orElse(0L);
    }

    record Result(int events, double produceSeconds, double endToEndSeconds) {
        double endToEndPerSecond() {
            return events / endToEndSeconds;
        }

        @Override
        public String toString() {
            return String.format("%,d events: produced in %.2f s (%,.0f/s),"
                            + " all aggregated after %.2f s -> %,.0f events/s end to end",
                    events, produceSeconds, events / produceSeconds, endToEndSeconds, endToEndPerSecond());
        }
    }
}
