package dev.digitgan.metrics.config;

import dev.digitgan.model.events.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives each channel its topic from {@link Topics}, so that topic names are
 * written once (in shared-model) instead of again in application.properties. Low ordinal: a property or an
 * environment variable can still override them.
 */
public final class TopicConfigSource implements ConfigSource {

    /** Channel name → topic it reads. The channel names are those of {@code EventConsumers}. */
    static final Map<String, String> CHANNELS = Map.of(
            "loss-events", Topics.LOSS_EVENTS,
            "checkpoints", Topics.CHECKPOINTS,
            "run-status", Topics.RUN_STATUS);

    private final Map<String, String> values = new HashMap<>();

    public TopicConfigSource() {
        CHANNELS.forEach((channel, topic) -> {
            values.put("mp.messaging.incoming." + channel + ".topic", topic);
        });
    }

    @Override
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return values.get(propertyName);
    }

    @Override
    public String getName() {
        return "digitgan-metrics-topics";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }
}
