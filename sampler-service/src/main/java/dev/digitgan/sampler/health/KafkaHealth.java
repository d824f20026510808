package dev.digitgan.sampler.health;

import dev.digitgan.sampler.config.SamplerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether the broker answers, and whether this replica has caught up with {@code digitgan.checkpoints} since it
 * started (once caught up it stays so: what it read is not lost when the broker goes away). Probed in the
 * background ({@link BackgroundProbe}) with an admin client of its own, whose every request is bounded by the probe
 * timeout; the consumer is only asked for its positions on its polling thread, never to do I/O for us. Metrics
 * {@code sampler_dependency_up{dependency="kafka"}} and {@code sampler_checkpoints_caught_up}.
 */
@Startup
@ApplicationScoped
public class KafkaHealth {

    static final String CHANNEL = "checkpoints";

    private final KafkaClientService clients;
    private final String topic;
    private final Duration timeout;
    private final Admin admin;
    private final Instant started = Instant.now();
    private final BackgroundProbe probe;
    private volatile boolean caughtUp;
    private volatile long lag = -1;

    public KafkaHealth(KafkaClientService clients, SamplerConfig config, MeterRegistry registry,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                       @ConfigProperty(name = "digitgan.topic.checkpoints") String topic) {
        this.clients = clients;
        this.topic = topic;
        this.timeout = config.health().probeTimeout();
        int ms = (int) timeout.toMillis();
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "sampler-health-" + config.groupId(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms,
                // A stopped broker must not make the probe wait longer between reconnects than between probes.
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000));
        this.probe = new BackgroundProbe("kafka", this::probeOnce, config.health().probeInterval(), timeout);
        Gauge.builder("sampler_dependency_up", probe, p -> p.status().up() ? 1 : 0).tag("dependency", "kafka")
                .description("1 when the dependency answered its last background probe in time").register(registry);
        Gauge.builder("sampler_checkpoints_caught_up", this, h -> h.caughtUp() ? 1 : 0)
                .description("1 once this replica has read the checkpoint topic to its end since start")
                .register(registry);
    }

    private void probeOnce() throws Exception {
        long ms = timeout.toMillis();
        admin.describeCluster().nodes().get(ms, TimeUnit.MILLISECONDS);
        if (caughtUp) {
            return;
        }
        Map<Integer, Long> ends = endOffsets(ms);
        Map<Integer, Long> positions = positions();
        lag = CatchUp.lag(ends, positions);
        caughtUp = lag == 0;
    }

    private Map<Integer, Long> endOffsets(long ms) throws Exception {
        TopicDescription description;
        try {
            description = admin.describeTopics(List.of(topic)).allTopicNames().get(ms, TimeUnit.MILLISECONDS)
                    .get(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Map.of(); // no trainer has published yet: nothing to catch up with
            }
            throw e;
        }
        Map<TopicPartition, OffsetSpec> latest = description.partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        Map<Integer, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(ms, TimeUnit.MILLISECONDS)
                .forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
        return ends;
    }

    /** The consumer's positions on its assigned partitions; none known yet (or no consumer yet): empty. */
    private Map<Integer, Long> positions() {
        KafkaConsumer<Object, Object> consumer = clients.getConsumer(CHANNEL);
        if (consumer == null) {
            return Map.of();
        }
        return consumer.runOnPollingThread(c -> {
            Map<Integer, Long> positions = new HashMap<>();
            for (TopicPartition tp : c.assignment()) {
                try {
                    // Known positions answer at once; an unknown one would need the broker, which we do not wait for.
                    positions.put(tp.partition(), c.position(tp, Duration.ofMillis(100)));
                } catch (org.apache.kafka.common.errors.TimeoutException unknownYet) {
                    // counted as unread
                }
            }
            return positions;
        }).await().atMost(timeout);
    }

    public ProbeStatus status() {
        return probe.status();
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    /** Records of the topic not yet read at the last probe before catching up; -1 before the first. */
    public long lag() {
        return lag;
    }

    public Duration sinceStart() {
        return Duration.between(started, Instant.now());
    }

    @PreDestroy
    void stop() {
        probe.close();
        admin.close(Duration.ofSeconds(1));
    }
}
