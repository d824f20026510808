package dev.digitgan.trainer.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.model.events.TopicPolicy;
import dev.digitgan.stack.LocalKafka;
import dev.digitgan.stack.StackHome;
import dev.digitgan.trainer.config.TrainerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link AckWait} against a real broker frozen (SIGSTOP) under a producer configured as the trainer's (acks=all,
 * idempotent): a send during a freeze shorter than the wait is acknowledged once the broker is back; a wait shorter
 * than the freeze fails naming the wait and its setting; a send the producer itself gives up on during the freeze
 * is sent again and acknowledged. Prints the timings.
 */
class AckWaitBrokerFreezeTest {

    private static final String TOPIC = "test.ack-wait";

    private static Path dir;
    private static LocalKafka kafka;
    private static String bootstrap;
    private final ScheduledExecutorService thaw = Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    static void startBroker() throws Exception {
        dir = Files.createTempDirectory(Path.of("target"), "ack-wait-test");
        kafka = new LocalKafka(StackHome.locate(), dir.resolve("kafka"), 0, 0);
        bootstrap = kafka.start();
        KafkaTopics.ensure(bootstrap, List.of(new TopicPolicy(TOPIC, TopicPolicy.Cleanup.DELETE, null, "test")),
                Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @AfterEach
    void thawed() throws Exception {
        thaw.shutdown();
        thaw.awaitTermination(30, TimeUnit.SECONDS);
    }

    @Test
    void aSendDuringAFreezeShorterThanTheWaitIsAcknowledgedWhenTheBrokerIsBack() throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer(Map.of())) {
            sender(producer, "warm-up").get().toCompletableFuture().get(30, TimeUnit.SECONDS);
            Duration freeze = Duration.ofSeconds(4);
            long started = freezeFor(freeze);

            int attempts = new AckWait(Duration.ofSeconds(20), TrainerConfig.KAFKA_ACK_WAIT)
                    .send("a record", sender(producer, "during the freeze"));

            Duration took = since(started);
            System.out.printf("AckWaitBrokerFreezeTest: freeze %d s, wait 20 s: acknowledged after %d ms, "
                    + "%d attempt(s)%n", freeze.toSeconds(), took.toMillis(), attempts);
            assertThat(took).isGreaterThanOrEqualTo(freeze.minusMillis(500)).isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void aWaitShorterThanTheFreezeFailsNamingTheWaitAndItsSetting() throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer(Map.of())) {
            sender(producer, "warm-up").get().toCompletableFuture().get(30, TimeUnit.SECONDS);
            long started = freezeFor(Duration.ofSeconds(5));

            assertThatThrownBy(() -> new AckWait(Duration.ofSeconds(2), TrainerConfig.KAFKA_ACK_WAIT)
                    .send("checkpoint event 1 of run r", sender(producer, "during the freeze")))
                    .isInstanceOf(Acks.NotAcknowledgedException.class)
                    .hasMessage("Kafka did not acknowledge checkpoint event 1 of run r within PT2S "
                            + "(digitgan.trainer.kafka-ack-wait; 1 attempt)");

            Duration took = since(started);
            System.out.printf("AckWaitBrokerFreezeTest: freeze 5 s, wait 2 s: failed after %d ms%n", took.toMillis());
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1900)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aSendTheProducerGivesUpOnDuringTheFreezeIsSentAgainAndAcknowledged() throws Exception {
        // A producer that gives a batch up after 3 s (the trainer's default is 120 s): its failure is retriable.
        try (KafkaProducer<String, byte[]> producer = producer(Map.of(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, ProducerConfig.LINGER_MS_CONFIG, 0))) {
            sender(producer, "warm-up").get().toCompletableFuture().get(30, TimeUnit.SECONDS);
            Duration freeze = Duration.ofSeconds(7);
            long started = freezeFor(freeze);

            int attempts = new AckWait(Duration.ofSeconds(30), TrainerConfig.KAFKA_ACK_WAIT)
                    .send("a record", sender(producer, "during the freeze"));

            Duration took = since(started);
            System.out.printf("AckWaitBrokerFreezeTest: freeze %d s, producer delivery timeout 3 s, wait 30 s: "
                    + "acknowledged after %d ms on attempt %d%n", freeze.toSeconds(), took.toMillis(), attempts);
            assertThat(attempts).as("sends").isGreaterThan(1);
            assertThat(took).isGreaterThanOrEqualTo(freeze.minusMillis(500)).isLessThan(Duration.ofSeconds(30));
        }
    }

    /** Freezes the broker now and lets it run on after {@code freeze}; returns when the freeze began. */
    private long freezeFor(Duration freeze) {
        kafka.pause();
        long started = System.nanoTime();
        thaw.schedule(kafka::resume, freeze.toMillis(), TimeUnit.MILLISECONDS);
        return started;
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    private static Supplier<CompletionStage<Void>> sender(KafkaProducer<String, byte[]> producer, String value) {
        return () -> {
            CompletableFuture<Void> acked = new CompletableFuture<>();
            producer.send(new ProducerRecord<>(TOPIC, "run-1", value.getBytes(StandardCharsets.UTF_8)),
                    (metadata, error) -> {
                        if (error == null) {
                            acked.complete(null);
                        } else {
                            acked.completeExceptionally(error);
                        }
                    });
            return acked;
        };
    }

    /** As the trainer's channels (application.properties): acks=all, idempotent; plus {@code overrides}. */
    private static KafkaProducer<String, byte[]> producer(Map<String, Object> overrides) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.putAll(overrides);
        return new KafkaProducer<>(p);
    }
}
