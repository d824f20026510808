package dev.digitgan.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real broker started by {@link LocalKafka} (one for the class: a cold start costs 5-15 s). */
class LocalKafkaTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Path dataDir;
    private static LocalKafka kafka;
    private static String bootstrap;

    @BeforeAll
    static void startBroker() {
        dataDir = DataDirs.newUnderTarget();
        kafka = new LocalKafka(StackHome.locate(), dataDir.resolve("kafka"), 0, 0);
        bootstrap = kafka.start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            long pid = kafka.pid();
            kafka.close();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("broker process after close").isFalse();
        }
        DataDirs.deleteUnlessKept(dataDir);
    }

    @Test
    void producedRecordIsConsumedWithKeyValueAndHeader() throws Exception {
        String topic = TestClients.unique("roundtrip");
        try (KafkaProducer<String, String> producer = TestClients.producer(bootstrap)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, "run-1", "{\"step\":7}");
            record.headers().add("digitgan-test", "yes".getBytes(StandardCharsets.UTF_8));
            RecordMetadata sent = producer.send(record).get();
            assertThat(sent.offset()).isZero();
        }
        try (KafkaConsumer<String, String> consumer = TestClients.consumer(bootstrap, TestClients.unique("g"))) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> received = TestClients.pollUntil(consumer, WAIT, r -> !r.isEmpty());
            assertThat(received).hasSize(1);
            ConsumerRecord<String, String> record = received.get(0);
            assertThat(record.key()).isEqualTo("run-1");
            assertThat(record.value()).isEqualTo("{\"step\":7}");
            Header header = record.headers().lastHeader("digitgan-test");
            assertThat(new String(header.value(), StandardCharsets.UTF_8)).isEqualTo("yes");
        }
    }

    @Test
    void twoConsumersInOneGroupSplitTheThreePartitionsOfAnAutoCreatedTopic() throws Exception {
        String topic = TestClients.unique("shared");
        String group = TestClients.unique("workers");
        try (KafkaProducer<String, String> producer = TestClients.producer(bootstrap);
             KafkaConsumer<String, String> first = TestClients.consumer(bootstrap, group);
             KafkaConsumer<String, String> second = TestClients.consumer(bootstrap, group)) {
            producer.send(new ProducerRecord<>(topic, "warm-up", "creates the topic")).get();
            assertThat(producer.partitionsFor(topic)).as("partitions of an auto-created topic").hasSize(3);

            first.subscribe(List.of(topic));
            second.subscribe(List.of(topic));
            awaitSplitAssignment(first, second);
            Set<TopicPartition> firstPartitions = first.assignment();
            Set<TopicPartition> secondPartitions = second.assignment();
            assertThat(firstPartitions).isNotEmpty().doesNotContainAnyElementsOf(secondPartitions);
            Set<TopicPartition> all = new HashSet<>(firstPartitions);
            all.addAll(secondPartitions);
            assertThat(all).hasSize(3);

            for (int i = 0; i < 30; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i));
            }
            producer.flush();
            Set<String> expected = IntStream.range(0, 30).mapToObj(i -> "value-" + i).collect(Collectors.toSet());
            Set<String> seen = new HashSet<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!seen.containsAll(expected) && System.nanoTime() < deadline) {
                for (KafkaConsumer<String, String> consumer : List.of(first, second)) {
                    Set<TopicPartition> owned = consumer.assignment();
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        assertThat(owned).as("a consumer only gets records of its own partitions")
                                .contains(new TopicPartition(record.topic(), record.partition()));
                        seen.add(record.value());
                    }
                }
            }
            assertThat(seen).containsAll(expected);
        }
    }

    /** Polls both members in turn (a classic-protocol rebalance needs every member to poll). */
    private static void awaitSplitAssignment(KafkaConsumer<String, String> first, KafkaConsumer<String, String> second) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            first.poll(Duration.ofMillis(100));
            second.poll(Duration.ofMillis(100));
            if (!first.assignment().isEmpty() && !second.assignment().isEmpty()
                    && first.assignment().size() + second.assignment().size() == 3) {
                return;
            }
        }
        throw new AssertionError("no split assignment within " + WAIT + ": " + first.assignment() + " / " + second.assignment());
    }
}
