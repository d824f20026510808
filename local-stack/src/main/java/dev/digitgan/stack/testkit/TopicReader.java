package dev.digitgan.stack.testkit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * A whole topic read from the beginning by a plain consumer (assign mode, no group, nothing committed), as
 * another service would see it. What it received accumulates in log order; records the view maps to
 * {@code null} (another run's, for example) are skipped.
 *
 * @param <T> what a record is seen as: the record itself, or a decoded value
 */
public final class TopicReader<T> implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    /** A topic that a service creates at start may not exist yet when the test starts reading. */
    private static final Duration TOPIC_WAIT = Duration.ofSeconds(60);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Function<ConsumerRecord<String, byte[]>, T> view;
    private final List<T> received = new ArrayList<>();
    private boolean assigned;

    TopicReader(KafkaConsumer<String, byte[]> consumer, String topic,
                Function<ConsumerRecord<String, byte[]>, T> view) {
        this.consumer = consumer;
        this.topic = topic;
        this.view = view;
    }

    /** Everything received so far, in log order. */
    public List<T> received() {
        return List.copyOf(received);
    }

    /**
     * Reads until {@code done} holds for everything received so far, calling {@code onEach} as each arrives.
     *
     * @throws org.awaitility.core.ConditionTimeoutException after {@code timeout}, naming the topic and what
     *                                                       was received
     */
    public List<T> awaitUntil(Predicate<List<T>> done, Duration timeout, Consumer<T> onEach) {
        assign();
        await("records on " + topic).atMost(timeout).pollInSameThread().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1)).untilAsserted(() -> {
                    if (done.test(received)) {
                        return;
                    }
                    pollOnce(onEach);
                    if (!done.test(received)) {
                        throw new AssertionError("not yet seen on " + topic + "; " + describeReceived());
                    }
                });
        return received();
    }

    public List<T> awaitUntil(Predicate<List<T>> done, Duration timeout) {
        return awaitUntil(done, timeout, each -> { });
    }

    /** Reads until the topic has been quiet for {@code quiet}: everything published before the call is in. */
    public List<T> drain(Duration quiet) {
        assign();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < quiet.toNanos()) {
            if (pollOnce(each -> { }) > 0) {
                quietSince = System.nanoTime();
            }
        }
        return received();
    }

    /**
     * One poll of the broker (up to 100 ms), for a caller that checks something else between polls.
     *
     * @return what it received, also added to {@link #received()}
     */
    public List<T> poll() {
        assign();
        int before = received.size();
        pollOnce(each -> { });
        return List.copyOf(received.subList(before, received.size()));
    }

    /** The last few of what was received: a dead-letter topic can hold thousands of records. */
    private String describeReceived() {
        int from = Math.max(0, received.size() - 10);
        return "received " + received.size() + (from > 0 ? ", the last 10: " : ": ")
                + received.subList(from, received.size());
    }

    /** @return how many records the poll returned (before the view filtered them) */
    private int pollOnce(Consumer<T> onEach) {
        int count = 0;
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
            count++;
            T seen = view.apply(record);
            if (seen != null) {
                received.add(seen);
                onEach.accept(seen);
            }
        }
        return count;
    }

    private void assign() {
        if (assigned) {
            return;
        }
        List<PartitionInfo> partitions = await(topic + " to exist").atMost(TOPIC_WAIT).pollInSameThread()
                .pollInterval(Duration.ofMillis(200))
                .until(() -> consumer.partitionsFor(topic, Duration.ofSeconds(5)), p -> p != null && !p.isEmpty());
        List<TopicPartition> tps = partitions.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        assigned = true;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
