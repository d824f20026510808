package dev.digitgan.trainer.queue;

import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.EventFormatException;
import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * The newest {@link RunStatus} of every run, read from {@link Topics#RUN_STATUS} from the beginning on every
 * start. Each instance keeps its own copy, so any instance can list every run, and a restarted trainer finds the
 * runs it owned.
 *
 * <p>It uses a plain consumer in assign mode (no consumer group, nothing committed) because it must always read
 * the whole topic and must be able to tell when it has caught up with the end of the topic: a trainer decides
 * which runs to resume and whether a request was already claimed only after {@link #awaitCaughtUp}. The newest
 * record per key wins, in log order: all statuses of a run share its partition, so the log order is the order
 * they were written in, whatever the writers' clocks say.
 */
public final class RunStatusView implements RunStatuses, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RunStatusView.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** How often the partition list is refreshed (a topic may be created or grown after we start). */
    private static final Duration PARTITION_REFRESH = Duration.ofSeconds(30);

    /** A caller waiting until the view has read up to the end offsets that held when it asked. */
    private record CatchUp(CompletableFuture<Void> done, Map<TopicPartition, Long> targets) {
    }

    private final Properties consumerProps;
    private final String topic;
    private final EventCodec codec = new EventCodec();
    private final Map<String, RunStatus> latest = new ConcurrentHashMap<>();
    private final Queue<CompletableFuture<Void>> requested = new ConcurrentLinkedQueue<>();
    private final List<CatchUp> pending = new ArrayList<>(); // poll thread only
    private final Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    public RunStatusView(String bootstrapServers, String name) {
        this(bootstrapServers, name, Topics.RUN_STATUS);
    }

    RunStatusView(String bootstrapServers, String name, String topic) {
        this.topic = topic;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "run-status-view-" + name);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Only statuses whose producer transaction (none today) committed; harmless otherwise.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumerProps = p;
        this.thread = new Thread(this::run, "run-status-view-" + name);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** The newest status of a run, as far as this view has read. */
    @Override
    public Optional<RunStatus> get(String runId) {
        return Optional.ofNullable(latest.get(runId));
    }

    /** Every run's newest status, most recently updated first. */
    public List<RunStatus> all() {
        List<RunStatus> all = new ArrayList<>(latest.values());
        all.sort(Comparator.comparing(RunStatus::updatedAt).reversed().thenComparing(RunStatus::runId));
        return all;
    }

    /** Runs whose newest status is RUNNING or STOPPING and names {@code instanceId}: the runs it must finish. */
    @Override
    public List<RunStatus> ownedActive(String instanceId) {
        return latest.values().stream()
                .filter(s -> instanceId.equals(s.trainer()))
                .filter(s -> s.state() == RunStatus.State.RUNNING || s.state() == RunStatus.State.STOPPING)
                .sorted(Comparator.comparing(RunStatus::updatedAt))
                .toList();
    }

    /**
     * Waits until the view has read everything that was in the topic when this was called, so that a status
     * published (and acknowledged) before the call is visible after it.
     *
     * @throws TimeoutException when Kafka does not let it catch up in time
     */
    @Override
    public void awaitCaughtUp(Duration timeout) throws TimeoutException, InterruptedException {
        RuntimeException failed = failure;
        if (failed != null) {
            throw new IllegalStateException("run-status view stopped: " + failed.getMessage(), failed);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        requested.add(done);
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("run-status view failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            done.cancel(false);
            throw new TimeoutException("run-status view did not catch up with " + topic + " within " + timeout);
        }
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
            while (running) {
                // Take the waiting callers before looking at the topic, so that whatever they published before
                // asking is in the topic (and its end offsets) we look at next.
                List<CompletableFuture<Void>> callers = drainRequested();
                if (assigned.isEmpty() || System.nanoTime() >= nextRefresh) {
                    assigned = refreshAssignment(c, assigned);
                    nextRefresh = System.nanoTime() + PARTITION_REFRESH.toNanos();
                }
                if (assigned.isEmpty()) {
                    // The topic does not exist yet: there is nothing to read, so these callers are caught up.
                    callers.forEach(f -> f.complete(null));
                    sleep(POLL);
                    continue;
                }
                if (!callers.isEmpty()) {
                    Map<TopicPartition, Long> ends = c.endOffsets(assigned);
                    callers.forEach(f -> pending.add(new CatchUp(f, ends)));
                }
                for (ConsumerRecord<String, byte[]> record : c.poll(POLL)) {
                    apply(record);
                }
                completeCaughtUp(c);
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("run-status view woken up unexpectedly", e);
                failAll(e);
            }
        } catch (RuntimeException e) {
            LOG.error("run-status view stopped: " + e.getMessage(), e);
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
        List<PartitionInfo> infos = c.listTopics(Duration.ofSeconds(10)).get(topic);
        if (infos == null || infos.isEmpty()) {
            return List.of();
        }
        List<TopicPartition> partitions = infos.stream()
                .map(i -> new TopicPartition(i.topic(), i.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .toList();
        if (!partitions.equals(current)) {
            c.assign(partitions);
            List<TopicPartition> added = partitions.stream().filter(tp -> !current.contains(tp)).toList();
            c.seekToBeginning(added);
            LOG.debugf("run-status view reads %s", partitions);
        }
        return partitions;
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            if (record.key() != null) {
                latest.remove(record.key()); // a tombstone: the run was deleted from the compacted topic
            }
            return;
        }
        try {
            RunStatus status = codec.decode(record.value(), RunStatus.class);
            latest.put(status.runId(), status);
        } catch (EventFormatException e) {
            LOG.warnf("skipping unreadable run status at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    private void completeCaughtUp(KafkaConsumer<String, byte[]> c) {
        pending.removeIf(p -> {
            if (p.done().isDone()) {
                return true; // cancelled by a caller that timed out
            }
            for (Map.Entry<TopicPartition, Long> target : p.targets().entrySet()) {
                if (c.position(target.getKey()) < target.getValue()) {
                    return false;
                }
            }
            p.done().complete(null);
            return true;
        });
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
