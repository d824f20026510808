package dev.digitgan.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorsTest {

    private static final Map<String, String> KAFKA_CLIENT = Map.of("app", "sampler", "kafka-client", "true");

    @Test
    void anEmptySelectorSelectsEverythingAndNoSelectorNothing() {
        assertThat(LabelSelectors.matches(new V1LabelSelector(), KAFKA_CLIENT)).isTrue();
        assertThat(LabelSelectors.matches(null, KAFKA_CLIENT)).isFalse();
    }

    @Test
    void matchLabelsNeedsEveryPair() {
        assertThat(LabelSelectors.matches(new V1LabelSelector().matchLabels(Map.of("kafka-client", "true")),
                KAFKA_CLIENT)).isTrue();
        assertThat(LabelSelectors.matches(
                new V1LabelSelector().matchLabels(Map.of("kafka-client", "true", "app", "trainer")),
                KAFKA_CLIENT)).isFalse();
    }

    @Test
    void matchExpressionsFollowTheirOperators() {
        assertThat(LabelSelectors.matches(expression("app", "In", "trainer", "sampler"), KAFKA_CLIENT)).isTrue();
        assertThat(LabelSelectors.matches(expression("app", "NotIn", "sampler"), KAFKA_CLIENT)).isFalse();
        assertThat(LabelSelectors.matches(expression("s3-client", "Exists"), KAFKA_CLIENT)).isFalse();
        assertThat(LabelSelectors.matches(expression("s3-client", "DoesNotExist"), KAFKA_CLIENT)).isTrue();
    }

    private static V1LabelSelector expression(String key, String operator, String... values) {
        return new V1LabelSelector().matchExpressions(List.of(
                new V1LabelSelectorRequirement()
                        .key(key)
                        .operator(operator)
                        .values(values.length == 0 ? null : List.of(values))));
    }
}
