package dev.digitgan.sampler.kafka;

import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.PolicyChange;
import dev.digitgan.sampler.config.SamplerConfig;
import dev.digitgan.support.api.KafkaUnavailableException;
import dev.digitgan.support.kafka.DeadLetterHeaders;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes the fleet's policy records (and the dead letters of unreadable ones) and waits for the broker to take
 * them: a policy change answered 200 is one every replica will read. A plain producer rather than an
 * {@code Emitter}: the request needs the acknowledgement, bounded by {@code policy-publish-timeout}, and a broker
 * outage must fail that request, not queue it.
 */
@ApplicationScoped
public class PolicyPublisher {

    private final KafkaProducer<String, byte[]> producer;
    private final EventCodec codec;
    private final String topic;
    private final Duration timeout;

    public PolicyPublisher(EventCodec codec, SamplerConfig config,
                           @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                           @ConfigProperty(name = "digitgan.topic.sampler-policy") String topic) {
        this.codec = codec;
        this.topic = topic;
        this.timeout = config.policyPublishTimeout();
        int ms = (int) timeout.toMillis();
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG, "sampler-policy-" + config.groupId(),
                ProducerConfig.ACKS_CONFIG, "all",
                // send() waits for metadata at most this long when the broker is away; then the request gets 503.
                ProducerConfig.MAX_BLOCK_MS_CONFIG, ms,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, ms / 2),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, ms,
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * @throws KafkaUnavailableException when the broker did not acknowledge the record within the timeout
     */
    public void publish(PolicyChange change) {
        send(new ProducerRecord<>(topic, PolicyChange.KEY, codec.encode(change)), "the policy change");
    }

    /**
     * Sends {@code change} again under {@link PolicyChange#REPAIR_KEY}, naming the unreadable {@code fleet} record at
     * {@code repairs} it stands in for ({@link PolicyRecords} says why).
     *
     * @throws KafkaUnavailableException when the broker did not acknowledge the record within the timeout
     */
    void repair(PolicyChange change, long repairs) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, PolicyChange.REPAIR_KEY,
                codec.encode(change));
        record.headers().add(PolicyChange.REPAIRS_HEADER, Long.toString(repairs).getBytes(StandardCharsets.US_ASCII));
        send(record, "the repair of " + topic + "@" + repairs);
    }

    /** Sends an unreadable policy record to the dead-letter topic (best effort: it is ignored either way). */
    void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        send(DeadLetterHeaders.letter(record, reason), "the dead letter of " + topic + "@" + record.offset());
    }

    private void send(ProducerRecord<String, byte[]> record, String what) {
        try {
            producer.send(record).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new KafkaUnavailableException("Kafka did not take " + what + ": " + e.getCause().getMessage()
                    + "; nothing changed, try again", e.getCause());
        } catch (TimeoutException | KafkaException e) {
            throw new KafkaUnavailableException("Kafka did not take " + what + " within " + timeout.toSeconds()
                    + " s; nothing changed, try again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while publishing " + what, e);
        }
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(1));
    }
}
