package dev.digitgan.support.config;

import dev.digitgan.model.events.Topics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Offers every topic name of {@link Topics} as the property {@code digitgan.topic.<name without "digitgan.">},
 * e.g. {@code digitgan.topic.loss-events=digitgan.loss-events}, so that application.properties gives a channel its
 * topic as {@code mp.messaging.incoming.losses.topic=${digitgan.topic.loss-events}} and never spells a topic name
 * again. Low ordinal: a property or an environment variable can still override one.
 */
public final class TopicConfigSource implements ConfigSource {

    public static final String PREFIX = "digitgan.topic.";
    private static final String TOPIC_PREFIX = "digitgan.";

    private final Map<String, String> values = new LinkedHashMap<>();

    public TopicConfigSource() {
        for (String topic : Topics.all()) {
            values.put(propertyOf(topic), topic);
        }
    }

    /** The property that holds {@code topic}: {@code digitgan.loss-events} → {@code digitgan.topic.loss-events}. */
    public static String propertyOf(String topic) {
        if (!topic.startsWith(TOPIC_PREFIX)) {
            throw new IllegalArgumentException("topic '" + topic + "' does not start with " + TOPIC_PREFIX);
        }
        return PREFIX + topic.substring(TOPIC_PREFIX.length());
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
        return "digitgan-topics";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }
}
