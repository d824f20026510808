package dev.digitgan.support.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.model.events.Topics;
import org.junit.jupiter.api.Test;

class TopicConfigSourceTest {

    private final TopicConfigSource source = new TopicConfigSource();

    @Test
    void everyTopicIsAPropertyNamedAfterIt() {
        assertThat(source.getPropertyNames()).hasSize(Topics.all().size());
        assertThat(source.getValue("digitgan.topic.loss-events")).isEqualTo(Topics.LOSS_EVENTS);
        assertThat(source.getValue("digitgan.topic.training-requests")).isEqualTo(Topics.TRAINING_REQUESTS);
        assertThat(source.getValue("digitgan.topic.dead-letter")).isEqualTo(Topics.DEAD_LETTER);
        for (String topic : Topics.all()) {
            assertThat(source.getValue(TopicConfigSource.propertyOf(topic))).isEqualTo(topic);
        }
        assertThat(source.getValue("digitgan.topic.nope")).isNull();
    }

    @Test
    void ranksBelowPropertiesAndEnvironment() {
        // application.properties is 250, environment variables 300.
        assertThat(source.getOrdinal()).isLessThan(250);
    }

    @Test
    void aTopicOutsideTheNamespaceIsRefused() {
        assertThatThrownBy(() -> TopicConfigSource.propertyOf("other.topic"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other.topic");
    }
}
