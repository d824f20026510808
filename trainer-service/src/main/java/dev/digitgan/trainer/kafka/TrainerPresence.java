package dev.digitgan.trainer.kafka;

import dev.digitgan.trainer.queue.ConsumerHealth;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * Keeps this trainer instance a member of the presence group ({@code Topics.TRAINER_PRESENCE_GROUP}) for as long
 * as it lives: Kafka's own failure detector is the trainers' heartbeat. The consumer uses static membership
 * ({@code group.instance.id} = the instance id) with the take-over time as its session timeout, so a killed,
 * frozen or cut-off instance is a member until it has not heart-beaten for that long, and then it is not (a
 * restart within that time rejoins as the same member, without a rebalance). It reads nothing: whatever partition
 * the group gives it is paused, and polling only keeps the membership.
 *
 * <p>A second process started with the same instance id takes the membership over; the first is then fenced
 * ({@link FencedInstanceIdException}): it reports so in readiness and calls {@code onFenced}, which makes it leave
 * its run, since two processes of one id would both believe they own the id's runs.
 */
public final class TrainerPresence implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TrainerPresence.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);

    /**
     * @param topic          any topic the group can subscribe to (nothing of it is read)
     * @param sessionTimeout how long an instance that stopped heart-beating stays a member (the take-over time);
     *                       within the broker's {@code group.min/max.session.timeout.ms} (6 s to 30 min by default)
     */
    public record Settings(String instanceId, String bootstrapServers, String group, String topic,
                           Duration sessionTimeout) {
    }

    private final Settings settings;
    private final Runnable onFenced;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean member;
    private volatile String problem = "not joined yet";

    public TrainerPresence(Settings settings, Runnable onFenced) {
        this.settings = settings;
        this.onFenced = onFenced;
        this.thread = new Thread(this::run, "trainer-presence-" + settings.instanceId());
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** True once the group has taken this instance in, until it drops it or a poll fails. */
    public boolean isMember() {
        return member;
    }

    public ConsumerHealth health() {
        if (member) {
            return new ConsumerHealth("trainer-presence", true, "member of " + settings.group() + " as "
                    + settings.instanceId());
        }
        return new ConsumerHealth("trainer-presence", false, problem);
    }

    /**
     * Stops polling. The membership is not given up: it ends after the session timeout, unless this instance comes
     * back first, so that a restarted instance resumes its own run and only one that stays away is taken over.
     */
    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(properties())) {
                consumer = c;
                c.subscribe(List.of(settings.topic()), new Membership(c));
                while (running) {
                    c.poll(POLL);
                }
            } catch (WakeupException e) {
                // close()
            } catch (FencedInstanceIdException e) {
                member = false;
                problem = "fenced: another process runs as instance " + settings.instanceId();
                LOG.errorf("%s; this one leaves its run and takes no more", problem);
                running = false;
                onFenced.run();
            } catch (KafkaException e) {
                member = false;
                problem = "not a member: " + e.getMessage();
                LOG.warnf("presence group: %s; joining again in %s", e.getMessage(), RECONNECT_PAUSE);
                sleep();
            } finally {
                consumer = null;
            }
        }
        member = false;
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
        p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, settings.instanceId());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "trainer-presence-" + settings.instanceId());
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(settings.sessionTimeout().toMillis()));
        // Kafka's advice: a third of the session timeout, so that two lost heartbeats do not end the membership.
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(settings.sessionTimeout().toMillis() / 3));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    private void sleep() {
        try {
            Thread.sleep(RECONNECT_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Follows the membership (a join assigns, even nothing; a lost session loses) and reads nothing it is given. */
    private final class Membership implements ConsumerRebalanceListener {

        private final KafkaConsumer<byte[], byte[]> consumer;

        Membership(KafkaConsumer<byte[], byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            consumer.pause(partitions);
            member = true;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // a rebalance among members: still one; nothing was read, nothing to commit
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            member = false;
            problem = "the group dropped this instance (no heartbeat within " + settings.sessionTimeout()
                    + "); joining again";
            LOG.warn(problem);
        }
    }
}
