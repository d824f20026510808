package dev.digitgan.trainer.kafka;

import dev.digitgan.model.events.TopicPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Creates the topics a service uses before it produces to them, and waits until every partition has a leader.
 *
 * <p>Why not let the broker auto-create them on first use: an idempotent producer whose first batches reach a
 * partition the broker has only half set up gets NOT_LEADER_OR_FOLLOWER for the first batch while a later batch
 * is appended; the first is then retried with OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout and its
 * records are lost, despite acks=all (KAFKA-15591 / KAFKA-14312; seen here in a test as a loss event that never
 * arrived). Topics that exist with leaders before the first send avoid it. Partition count and replication are
 * left to the broker's defaults; deployments may create the topics themselves beforehand.
 *
 * <p>Each topic gets its {@link TopicPolicy} (cleanup and retention, from {@code Topics.policies}); a topic that
 * already exists with other values (auto-created by a consumer that came first, or made by an older version) is
 * corrected, so that the broker's 7-day default never silently applies to the record topics.
 */
public final class KafkaTopics {

    private static final Logger LOG = Logger.getLogger(KafkaTopics.class);

    private KafkaTopics() {
    }

    /**
     * @throws TimeoutException when the topics are not all led within {@code timeout}
     */
    public static void ensure(String bootstrapServers, List<TopicPolicy> policies, Duration timeout)
            throws TimeoutException, InterruptedException {
        List<String> topics = policies.stream().map(TopicPolicy::topic).toList();
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        // The admin client refuses to be built with an API timeout below its request timeout (30 s by default): with
        // a short timeout (a test's 5 s) no topic was created, and clients auto-created them with the broker's
        // defaults.
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(p)) {
            List<NewTopic> wanted = policies.stream()
                    .map(t -> new NewTopic(t.topic(), Optional.ofNullable(t.partitions()), Optional.empty())
                            .configs(t.configs()))
                    .toList();
            Set<String> existing = ConcurrentHashMap.newKeySet();
            admin.createTopics(wanted).values().forEach((topic, created) -> {
                try {
                    created.get(remaining(deadline), TimeUnit.MILLISECONDS);
                    LOG.infof("created topic %s", topic);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        existing.add(topic);
                    } else {
                        throw new IllegalStateException("cannot create topic " + topic + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                } catch (TimeoutException | InterruptedException e) {
                    throw new IllegalStateException("cannot create topic " + topic + ": " + e, e);
                }
            });
            correct(admin, policies.stream().filter(t -> existing.contains(t.topic())).toList(), deadline);
            while (!allLed(admin, Set.copyOf(topics), policies, deadline)) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("topics " + topics + " have no leader for every partition after "
                            + timeout);
                }
                Thread.sleep(100);
            }
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof TimeoutException t) {
                throw t;
            }
            throw e;
        }
    }

    /** Sets the policy's configs where an existing topic has other values. */
    private static void correct(Admin admin, List<TopicPolicy> policies, long deadline) throws InterruptedException {
        if (policies.isEmpty()) {
            return;
        }
        Map<ConfigResource, TopicPolicy> resources = new HashMap<>();
        policies.forEach(p -> resources.put(new ConfigResource(ConfigResource.Type.TOPIC, p.topic()), p));
        try {
            Map<ConfigResource, Config> current = admin.describeConfigs(resources.keySet()).all()
                    .get(remaining(deadline), TimeUnit.MILLISECONDS);
            Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
            resources.forEach((resource, policy) -> {
                List<AlterConfigOp> ops = new ArrayList<>();
                policy.configs().forEach((key, value) -> {
                    ConfigEntry entry = current.get(resource).get(key);
                    if (entry == null || !value.equals(entry.value())) {
                        LOG.infof("topic %s: %s %s -> %s (%s)", policy.topic(), key,
                                entry == null ? "unset" : entry.value(), value, policy.why());
                        ops.add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET));
                    }
                });
                if (!ops.isEmpty()) {
                    changes.put(resource, ops);
                }
            });
            if (!changes.isEmpty()) {
                admin.incrementalAlterConfigs(changes).all().get(remaining(deadline), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot set the topics' retention and cleanup: " + e, e);
        }
    }

    private static boolean allLed(Admin admin, Set<String> topics, List<TopicPolicy> policies, long deadline)
            throws InterruptedException {
        try {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                    .get(remaining(deadline), TimeUnit.MILLISECONDS);
            for (TopicPolicy policy : policies) {
                TopicDescription d = described.get(policy.topic());
                if (policy.partitions() != null && d != null && !d.partitions().isEmpty()
                        && d.partitions().size() != policy.partitions()) {
                    // Not corrected: Kafka cannot take partitions away, and adding some breaks what the count keeps.
                    throw new IllegalStateException("topic " + policy.topic() + " has " + d.partitions().size()
                            + " partitions, it must have exactly " + policy.partitions() + " (" + policy.why()
                            + "); recreate it with " + policy.partitions());
                }
            }
            return described.values().stream()
                    .allMatch(d -> !d.partitions().isEmpty() && d.partitions().stream().allMatch(i -> i.leader() != null
                            && !i.leader().isEmpty()));
        } catch (ExecutionException | TimeoutException e) {
            return false; // not there yet (unknown topic right after creation); the caller retries until its deadline
        }
    }

    private static long remaining(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
}
