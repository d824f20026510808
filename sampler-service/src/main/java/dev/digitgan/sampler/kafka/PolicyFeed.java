package dev.digitgan.sampler.kafka;

import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.PolicyChange;
import dev.digitgan.model.events.TopicPolicy;
import dev.digitgan.model.events.Topics;
import dev.digitgan.sampler.config.SamplerConfig;
import dev.digitgan.sampler.reload.ReloadCoordinator;
import dev.digitgan.support.api.KafkaUnavailableException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads the fleet's policy topic ({@code digitgan.sampler-policy}) from its beginning on every start and hands each
 * policy to the {@link ReloadCoordinator}. Until it has read to the end the topic had at start it only remembers the
 * newest record, applies that one and then counts as caught up (readiness waits for it, {@link #caughtUp()}); after
 * that every record is applied as it comes. The partitions are assigned, not subscribed: no group, no committed
 * offsets, so a restart always replays the topic. An unreadable record goes to the dead-letter topic and is
 * ignored: the policy stays what the last good record said. Because compaction would leave an unreadable
 * {@code fleet} record as the only one, the replica that reads it sends the policy it serves again under the repair
 * key ({@link PolicyRecords} has the rule and why); a replica that starts after compaction reads that repair.
 *
 * <p>The topic is created with its {@link TopicPolicy} (compacted) when it does not exist yet, so that the first
 * change, made before any trainer or topic job ran, does not land in a topic the broker auto-created with its 7-day
 * default and is forgotten.
 */
@ApplicationScoped
public class PolicyFeed {

    private static final Logger LOG = Logger.getLogger(PolicyFeed.class);
    /** Between two attempts to reach a broker that does not answer. */
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final ReloadCoordinator coordinator;
    private final PolicyPublisher publisher;
    private final EventCodec codec;
    private final String topic;
    private final Duration timeout;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Admin admin;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile String status = "not read yet";
    private boolean topicEnsured;
    private Map<TopicPartition, Long> endsAtStart;
    private PolicyRecords records;
    private PolicyChange applied;
    /** The offset of the unreadable record this replica last sent a repair for (not again until it reads it back). */
    private long repairSentFor = -1;

    public PolicyFeed(ReloadCoordinator coordinator, PolicyPublisher publisher, EventCodec codec,
                      SamplerConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                      @ConfigProperty(name = "digitgan.topic.sampler-policy") String topic) {
        this.coordinator = coordinator;
        this.publisher = publisher;
        this.codec = codec;
        this.topic = topic;
        this.timeout = config.health().probeTimeout();
        int ms = (int) timeout.toMillis();
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, "sampler-policy-feed-" + config.groupId(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms,
                ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "sampler-policy-topic-" + config.groupId(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000));
        this.thread = new Thread(this::run, "sampler-policy-feed");
        thread.setDaemon(true);
    }

    void onStart(@Observes StartupEvent event) {
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(2000);
        admin.close(Duration.ofSeconds(1));
    }

    /** Whether the newest policy the topic held at start has been applied (or the topic had none). */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** The feed's state in words, for the readiness data. */
    public String status() {
        return status;
    }

    private void run() {
        try (consumer) {
            while (running) {
                try {
                    if (endsAtStart == null && !assign()) {
                        Thread.sleep(RETRY.toMillis());
                        continue;
                    }
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        take(record);
                    }
                    if (!caughtUp && reachedTheEndsOfStart()) {
                        // only the newest of the replay is applied
                        PolicyChange newest = records.inForce().orElse(null);
                        if (newest != null) {
                            coordinator.apply(newest).get(5, TimeUnit.MINUTES); // may load a pinned version
                            applied = newest;
                        }
                        caughtUp = true;
                        status = "caught up: " + (newest == null ? "no fleet policy yet, serving by the configured"
                                + " one" : "applied " + newest.mode() + " of " + newest.changedAt());
                    }
                    if (caughtUp) {
                        repairIfNeeded();
                    }
                } catch (WakeupException e) {
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (KafkaException | ExecutionException | java.util.concurrent.TimeoutException e) {
                    status = "cannot read the policy topic: " + e.getMessage();
                    LOG.debugf("policy topic: %s", e.getMessage());
                    sleepQuietly();
                }
            }
        }
    }

    private void take(ConsumerRecord<String, byte[]> record) {
        PolicyRecords.Verdict verdict = records.read(record);
        if (verdict instanceof PolicyRecords.Applies a) {
            if (caughtUp && !a.change().equals(applied)) { // a repair read back is the policy already applied
                coordinator.apply(a.change());
                applied = a.change();
                status = "applied " + a.change().mode() + " of " + a.change().changedAt();
            }
        } else if (verdict instanceof PolicyRecords.Invalid invalid) {
            LOG.warnf("ignoring the policy record %s-%d@%d (sent to %s): %s", record.topic(), record.partition(),
                    record.offset(), Topics.DEAD_LETTER, invalid.reason());
            try {
                publisher.deadLetter(record, invalid.reason());
            } catch (KafkaUnavailableException notSent) {
                LOG.warnf("the dead letter was not sent: %s", notSent.getMessage());
            }
        } else if (verdict instanceof PolicyRecords.Superseded superseded) {
            LOG.debugf("the repair of offset %d is superseded by a newer policy", superseded.repairs());
        }
    }

    /** Sends the repair {@link PolicyRecords} asks for, once per unreadable record unless sending failed. */
    private void repairIfNeeded() {
        records.repairNeeded().filter(r -> r.repairs() != repairSentFor).ifPresent(repair -> {
            try {
                publisher.repair(repair.change(), repair.repairs());
                repairSentFor = repair.repairs();
                LOG.warnf("the policy record at offset %d is unreadable; sent the policy in force (%s of %s) again"
                        + " under %s so that compaction cannot erase it", repair.repairs(), repair.change().mode(),
                        repair.change().changedAt(), PolicyChange.REPAIR_KEY);
            } catch (KafkaUnavailableException notSent) {
                LOG.warnf("the repair of offset %d was not sent (tried again): %s", repair.repairs(),
                        notSent.getMessage());
            }
        });
    }

    private boolean assign() throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        ensureTopic();
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
        if (partitions == null || partitions.isEmpty()) {
            status = "the policy topic has no partitions yet";
            return false;
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        records = new PolicyRecords(codec);
        endsAtStart = consumer.endOffsets(assigned, timeout);
        status = "replaying the policy topic";
        return true;
    }

    private boolean reachedTheEndsOfStart() {
        for (Map.Entry<TopicPartition, Long> end : endsAtStart.entrySet()) {
            if (consumer.position(end.getKey(), timeout) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void ensureTopic() throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        if (topicEnsured) {
            return;
        }
        TopicPolicy policy = Topics.policies(Topics.DEFAULT_LOSS_RETENTION).stream()
                .filter(p -> p.topic().equals(topic)).findFirst()
                .orElseThrow(() -> new IllegalStateException(topic + " has no policy in Topics.policies"));
        try {
            // One partition: one key. Replication is the broker's default.
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(policy.configs()))).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.infof("created %s (%s)", topic, policy.configs());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        topicEnsured = true;
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
