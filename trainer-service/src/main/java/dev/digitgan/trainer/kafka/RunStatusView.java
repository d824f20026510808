package dev.digitgan.trainer.kafka;

import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.EventFormatException;
import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.Topics;
import dev.digitgan.trainer.queue.ConsumerHealth;
import dev.digitgan.trainer.queue.RunStatuses;
import dev.digitgan.trainer.queue.StatusAt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The newest {@link RunStatus} of every run, read from {@link Topics#RUN_STATUS} from the beginning on every
 * start. Each instance keeps its own copy, so any instance can list every run, and a restarted trainer finds the
 * runs it owned.
 *
 * <p>A trainer decides which runs to resume and whether a request was already claimed only after
 * {@link #awaitCaughtUp}. The newest record per key wins, in log order: all statuses of a run share its partition,
 * so the log order is the order they were written in, whatever the writers' clocks say. How it reads, and how it
 * outlives a broker outage, is {@link TopicFollower}'s.
 */
public final class RunStatusView implements RunStatuses, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RunStatusView.class);

    private final EventCodec codec = new EventCodec();
    private final Map<String, StatusAt> latest = new ConcurrentHashMap<>();
    private final TopicFollower follower;

    public RunStatusView(String bootstrapServers, String name) {
        this(bootstrapServers, name, Topics.RUN_STATUS);
    }

    RunStatusView(String bootstrapServers, String name, String topic) {
        this.follower = new TopicFollower(bootstrapServers, "run-status-view", name, topic, this::apply);
    }

    public void start() {
        follower.start();
    }

    /** The newest status of a run, as far as this view has read. */
    @Override
    public Optional<RunStatus> get(String runId) {
        return Optional.ofNullable(latest.get(runId)).map(StatusAt::status);
    }

    /** Every run's newest status, most recently updated first. */
    public List<RunStatus> all() {
        List<RunStatus> all = new ArrayList<>(latest.values().stream().map(StatusAt::status).toList());
        all.sort(Comparator.comparing(RunStatus::updatedAt).reversed().thenComparing(RunStatus::runId));
        return all;
    }

    /** Runs whose newest status is RUNNING or STOPPING: the runs some trainer must finish. */
    @Override
    public List<StatusAt> active() {
        return latest.values().stream()
                .filter(r -> r.status().state() == RunStatus.State.RUNNING
                        || r.status().state() == RunStatus.State.STOPPING)
                .sorted(Comparator.comparing(r -> r.status().updatedAt()))
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
        follower.awaitCaughtUp(timeout);
    }

    /** Up while it reads; down while Kafka does not answer, and for good after an error retrying cannot cure. */
    public ConsumerHealth health() {
        return follower.health();
    }

    @Override
    public void close() {
        follower.close();
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
            latest.put(status.runId(), new StatusAt(status, record.partition() + ":" + record.offset()));
        } catch (EventFormatException e) {
            LOG.warnf("skipping unreadable run status at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }
}
