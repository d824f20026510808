package dev.digitgan.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.digitgan.stack.testkit.TestKafka;
import dev.digitgan.stack.testkit.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
    void producedRecordIsConsumedWithKeyValueAndHeader() {
        String topic = TestKafka.unique("roundtrip");
        try (TestKafka clients = new TestKafka(bootstrap)) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, "run-1", utf8("{\"step\":7}"));
            record.headers().add("digitgan-test", utf8("yes"));
            RecordMetadata sent = clients.send(record);
            assertThat(sent.offset()).isZero();

            try (KafkaConsumer<String, byte[]> consumer = clients.consumer(TestKafka.unique("g"))) {
                consumer.subscribe(List.of(topic));
                List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
                await().atMost(WAIT).pollInSameThread().pollInterval(Duration.ofMillis(1)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                    return !received.isEmpty();
                });
                assertThat(received).hasSize(1);
                ConsumerRecord<String, byte[]> got = received.get(0);
                assertThat(got.key()).isEqualTo("run-1");
                assertThat(new String(got.value(), StandardCharsets.UTF_8)).isEqualTo("{\"step\":7}");
                Header header = got.headers().lastHeader("digitgan-test");
                assertThat(new String(header.value(), StandardCharsets.UTF_8)).isEqualTo("yes");
            }
        }
    }

    @Test
    void aTopicReaderSeesOneKeysValuesFromTheBeginningInLogOrder() {
        String topic = TestKafka.unique("reader");
        try (TestKafka clients = new TestKafka(bootstrap)) {
            clients.send(topic, "mine", "1");
            clients.send(topic, "other", "x");
            clients.send(topic, "mine", "2");
            try (TopicReader<String> reader = clients.read(topic, "mine", b -> new String(b, StandardCharsets.UTF_8))) {
                assertThat(reader.awaitUntil(seen -> seen.size() == 2, WAIT)).containsExactly("1", "2");
                clients.send(topic, "mine", "3");
                assertThat(reader.drain(Duration.ofSeconds(1))).containsExactly("1", "2", "3");
                assertThatThrownBy(() -> reader.awaitUntil(seen -> seen.contains("4"), Duration.ofMillis(500)))
                        .hasMessageContaining("not yet seen on " + topic).hasMessageContaining("received 3: [1, 2, 3]");
            }
        }
    }

    @Test
    void twoConsumersInOneGroupSplitTheThreePartitionsOfAnAutoCreatedTopic() {
        String topic = TestKafka.unique("shared");
        String group = TestKafka.unique("workers");
        try (TestKafka clients = new TestKafka(bootstrap);
             KafkaConsumer<String, byte[]> first = clients.consumer(group);
             KafkaConsumer<String, byte[]> second = clients.consumer(group)) {
            clients.send(topic, "warm-up", "creates the topic");
            assertThat(first.partitionsFor(topic)).as("partitions of an auto-created topic").hasSize(3);

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
                clients.sendAsync(topic, "key-" + i, "value-" + i);
            }
            clients.flush();
            Set<String> expected = IntStream.range(0, 30).mapToObj(i -> "value-" + i).collect(Collectors.toSet());
            Set<String> seen = new HashSet<>();
            await().atMost(WAIT).pollInSameThread().pollInterval(Duration.ofMillis(1)).until(() -> {
                for (KafkaConsumer<String, byte[]> consumer : List.of(first, second)) {
                    Set<TopicPartition> owned = consumer.assignment();
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        assertThat(owned).as("a consumer only gets records of its own partitions")
                                .contains(new TopicPartition(record.topic(), record.partition()));
                        seen.add(new String(record.value(), StandardCharsets.UTF_8));
                    }
                }
                return seen.containsAll(expected);
            });
            assertThat(seen).containsAll(expected);
        }
    }

    /** Polls both members in turn (a classic-protocol rebalance needs every member to poll). */
    private static void awaitSplitAssignment(KafkaConsumer<String, byte[]> first,
                                             KafkaConsumer<String, byte[]> second) {
        await("a split assignment").atMost(WAIT).pollInSameThread().pollInterval(Duration.ofMillis(1))
                .untilAsserted(() -> {
                    first.poll(Duration.ofMillis(100));
                    second.poll(Duration.ofMillis(100));
                    assertThat(List.of(first.assignment().size(), second.assignment().size()))
                            .as("partitions of each member").doesNotContain(0).satisfies(sizes ->
                                    assertThat(sizes.get(0) + sizes.get(1)).isEqualTo(3));
                });
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
