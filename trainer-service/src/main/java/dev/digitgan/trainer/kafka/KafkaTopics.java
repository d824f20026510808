package dev.digitgan.trainer.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
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
 */
public final class KafkaTopics {

    private static final Logger LOG = Logger.getLogger(KafkaTopics.class);

    private KafkaTopics() {
    }

    /**
     * @throws TimeoutException when the topics are not all led within {@code timeout}
     */
    public static void ensure(String bootstrapServers, Collection<String> topics, Duration timeout)
            throws TimeoutException, InterruptedException {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(p)) {
            List<NewTopic> wanted = topics.stream()
                    .map(t -> new NewTopic(t, Optional.empty(), Optional.empty()))
                    .toList();
            admin.createTopics(wanted).values().forEach((topic, created) -> {
                try {
                    created.get(remaining(deadline), TimeUnit.MILLISECONDS);
                    LOG.infof("created topic %s", topic);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                } catch (TimeoutException | InterruptedException e) {
                    throw new IllegalStateException("cannot create topic " + topic + ": " + e, e);
                }
            });
            while (!allLed(admin, Set.copyOf(topics), deadline)) {
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

    private static boolean allLed(Admin admin, Set<String> topics, long deadline) throws InterruptedException {
        try {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                    .get(remaining(deadline), TimeUnit.MILLISECONDS);
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
