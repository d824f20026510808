package dev.digitgan.trainer.kafka;

import dev.digitgan.trainer.queue.ConsumerHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads one topic from the beginning, every partition, on a thread of its own, hands each record to its view in log
 * order, and can tell when it has caught up with the topic's end. The reading half of {@link RunStatusView} and
 * {@link RunClaimView}, which differ only in what they keep of each record.
 *
 * <p>It uses a plain consumer in assign mode (no consumer group, nothing committed) because a view must always read
 * the whole topic and must be able to tell when it has caught up with the end of the topic ({@link #awaitCaughtUp}).
 *
 * <p>It outlives a broker outage: a call that Kafka does not answer in time (topic metadata, end offsets,
 * positions) leaves the view as it was and is tried again after a pause, with the same consumer, positions and
 * waiting callers, so that the view resumes by itself when the broker is back. Only an error that retrying cannot
 * cure stops it for good; {@link #health()} reports both, for readiness.
 */
final class TopicFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopicFollower.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** How often the partition list is refreshed (a topic may be created or grown after we start). */
    private static final Duration PARTITION_REFRESH = Duration.ofSeconds(30);
    /** Longest a metadata or offsets request may block the poll thread before it counts as an outage. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Pause between attempts while Kafka does not answer (the client reconnects by itself meanwhile). */
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);
    /**
     * How often the view asks for the end offsets while nobody waits for it: a poll returns nothing alike whether
     * the topic is quiet or the broker is gone, so only a request that must be answered tells them apart.
     */
    private static final Duration PROBE_EVERY = Duration.ofSeconds(5);

    /** A caller waiting until the view has read up to the end offsets that held when it asked. */
    private record CatchUp(CompletableFuture<Void> done, Map<TopicPartition, Long> targets) {
    }

    private final Properties consumerProps;
    private final String topic;
    /** {@code run-status view}: in logs and messages; {@code run-status-view}: the health check's name. */
    private final String title;
    private final String healthName;
    private final Consumer<ConsumerRecord<String, byte[]>> apply;
    private final Queue<CompletableFuture<Void>> requested = new ConcurrentLinkedQueue<>();
    private final List<CatchUp> pending = new ArrayList<>(); // poll thread only
    private final Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;
    private volatile RuntimeException failure;
    /** Set while Kafka does not answer: since when, and what it said last. */
    private volatile Instant unreachableSince;
    private volatile String unreachableReason;
    /** Partitions of the topic as last seen (0 while it does not exist). */
    private volatile int partitionCount;

    /**
     * @param healthName the view's name in readiness ({@code run-status-view}); its client id and thread add the
     *                   instance's name
     * @param apply      called on the reading thread with each record, in log order per partition
     */
    TopicFollower(String bootstrapServers, String healthName, String instanceName, String topic,
                  Consumer<ConsumerRecord<String, byte[]>> apply) {
        this.topic = topic;
        this.healthName = healthName;
        this.title = healthName.replace("-view", " view");
        this.apply = apply;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, healthName + "-" + instanceName);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Only records whose producer transaction (none today) committed; harmless otherwise.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumerProps = p;
        this.thread = new Thread(this::run, healthName + "-" + instanceName);
        this.thread.setDaemon(true);
    }

    String topic() {
        return topic;
    }

    /** How many partitions the topic had when last looked at; 0 before it exists. */
    int partitionCount() {
        return partitionCount;
    }

    void start() {
        thread.start();
    }

    /**
     * Waits until the view has read everything that was in the topic when this was called, so that a record
     * published (and acknowledged) before the call has been applied after it.
     *
     * @throws TimeoutException when Kafka does not let it catch up in time
     */
    void awaitCaughtUp(Duration timeout) throws TimeoutException, InterruptedException {
        RuntimeException failed = failure;
        if (failed != null) {
            throw new IllegalStateException(title + " stopped: " + failed.getMessage(), failed);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        requested.add(done);
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(title + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            done.cancel(false);
            throw new TimeoutException(title + " did not catch up with " + topic + " within " + timeout);
        }
    }

    /** Up while it reads; down while Kafka does not answer, and for good after an error retrying cannot cure. */
    ConsumerHealth health() {
        RuntimeException failed = failure;
        if (failed != null || !thread.isAlive()) {
            return new ConsumerHealth(healthName, false, "stopped: "
                    + (failed == null ? "not running" : failed.getMessage()));
        }
        Instant since = unreachableSince;
        if (since != null) {
            return new ConsumerHealth(healthName, false, "cannot reach Kafka since " + since + ": "
                    + unreachableReason + "; retrying");
        }
        return new ConsumerHealth(healthName, true, "reading " + topic);
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProps)) {
            consumer = c;
            List<TopicPartition> assigned = List.of();
            long nextRefresh = 0;
            long nextProbe = 0;
            // Callers taken off the queue whose end offsets are not known yet; kept across failed attempts.
            List<CompletableFuture<Void>> callers = new ArrayList<>();
            while (running) {
                // Take the waiting callers before looking at the topic, so that whatever they published before
                // asking is in the topic (and its end offsets) we look at next.
                callers.addAll(drainRequested());
                try {
                    if (assigned.isEmpty() || System.nanoTime() >= nextRefresh) {
                        assigned = refreshAssignment(c, assigned);
                        nextRefresh = System.nanoTime() + PARTITION_REFRESH.toNanos();
                    }
                    if (assigned.isEmpty()) {
                        // The topic does not exist yet: there is nothing to read, so these callers are caught up.
                        callers.forEach(f -> f.complete(null));
                        callers.clear();
                        reachable();
                        sleep(POLL);
                        continue;
                    }
                    if (!callers.isEmpty() || System.nanoTime() >= nextProbe || unreachableSince != null) {
                        Map<TopicPartition, Long> ends = c.endOffsets(assigned, REQUEST_TIMEOUT);
                        callers.forEach(f -> pending.add(new CatchUp(f, ends)));
                        callers.clear();
                        nextProbe = System.nanoTime() + PROBE_EVERY.toNanos();
                        reachable();
                    }
                    for (ConsumerRecord<String, byte[]> record : c.poll(POLL)) {
                        apply.accept(record);
                    }
                    completeCaughtUp(c);
                } catch (RetriableException e) {
                    unreachable(e);
                    sleep(RECONNECT_PAUSE);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error(title + " woken up unexpectedly", e);
                failAll(e);
            }
        } catch (RuntimeException e) {
            LOG.error(title + " stopped: " + e.getMessage(), e);
            failAll(e);
        }
    }

    private List<CompletableFuture<Void>> drainRequested() {
        List<CompletableFuture<Void>> callers = new ArrayList<>();
        CompletableFuture<Void> f;
        while ((f = requested.poll()) != null) {
            callers.add(f);
        }
        return callers;
    }

    private List<TopicPartition> refreshAssignment(KafkaConsumer<String, byte[]> c, List<TopicPartition> current) {
        List<PartitionInfo> infos = c.listTopics(REQUEST_TIMEOUT).get(topic);
        if (infos == null || infos.isEmpty()) {
            return List.of();
        }
        List<TopicPartition> partitions = infos.stream()
                .map(i -> new TopicPartition(i.topic(), i.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .toList();
        partitionCount = partitions.size();
        if (!partitions.equals(current)) {
            c.assign(partitions);
            List<TopicPartition> added = partitions.stream().filter(tp -> !current.contains(tp)).toList();
            c.seekToBeginning(added);
            LOG.debugf("%s reads %s", title, partitions);
        }
        return partitions;
    }

    private void completeCaughtUp(KafkaConsumer<String, byte[]> c) {
        pending.removeIf(p -> {
            if (p.done().isDone()) {
                return true; // cancelled by a caller that timed out
            }
            for (Map.Entry<TopicPartition, Long> target : p.targets().entrySet()) {
                if (c.position(target.getKey(), REQUEST_TIMEOUT) < target.getValue()) {
                    return false;
                }
            }
            p.done().complete(null);
            return true;
        });
    }

    private void unreachable(RetriableException e) {
        if (unreachableSince == null) {
            unreachableSince = Instant.now();
            LOG.warnf("%s cannot reach Kafka (%s); retrying until it answers", title, e.getMessage());
        }
        unreachableReason = e.getMessage();
    }

    private void reachable() {
        Instant since = unreachableSince;
        if (since != null) {
            unreachableSince = null;
            LOG.infof("%s reads %s again (Kafka did not answer from %s)", title, topic, since);
        }
    }

    private void failAll(RuntimeException t) {
        failure = t;
        CompletableFuture<Void> f;
        while ((f = requested.poll()) != null) {
            f.completeExceptionally(t);
        }
        pending.forEach(p -> p.done().completeExceptionally(t));
        pending.clear();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
