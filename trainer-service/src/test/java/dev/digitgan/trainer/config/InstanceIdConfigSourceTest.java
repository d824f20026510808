package dev.digitgan.trainer.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceIdConfigSourceTest {

    @Test
    void theOldUnprefixedNameIsNoLongerRead() {
        // DIGITGAN_TRAINER_INSTANCE_ID is the one name (read by the regular environment source, which outranks this).
        assertThat(InstanceIdConfigSource.resolve(Map.of("TRAINER_INSTANCE_ID", "trainer-1", "HOSTNAME", "h")))
                .isEqualTo("h");
    }

    @Test
    void podHostNameIsTheDefault() {
        assertThat(InstanceIdConfigSource.resolve(Map.of("HOSTNAME", "trainer-0"))).isEqualTo("trainer-0");
        assertThat(new InstanceIdConfigSource(Map.of("HOSTNAME", "trainer-2"))
                .getValue(InstanceIdConfigSource.PROPERTY))
                .isEqualTo("trainer-2");
    }

    @Test
    void withoutEnvironmentItIsTheMachinesHostName() {
        assertThat(InstanceIdConfigSource.resolve(Map.of())).isNotBlank();
    }

    @Test
    void yieldsToEveryRegularConfigSource() {
        // application.properties is 250, env 300, system properties 400
        assertThat(new InstanceIdConfigSource(Map.of()).getOrdinal()).isLessThan(100);
    }
}
