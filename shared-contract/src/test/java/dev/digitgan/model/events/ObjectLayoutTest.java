package dev.digitgan.model.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ObjectLayoutTest {

    @Test
    void keysFollowTheDocumentedLayout() {
        assertThat(ObjectLayout.checkpointKey("run-1", 12)).isEqualTo("runs/run-1/checkpoints/00000012.zip");
        assertThat(ObjectLayout.gridKey("run-1", 12)).isEqualTo("runs/run-1/grids/00000012.png");
        assertThat(ObjectLayout.requestKey("run-1")).isEqualTo("runs/run-1/request.json");
    }

    @Test
    void versionIsReadBackFromAKey() {
        assertThat(ObjectLayout.versionOf(ObjectLayout.checkpointKey("r", 123456789))).isEqualTo(123456789);
    }

    @Test
    void paddedKeysSortInVersionOrder() {
        assertThat(ObjectLayout.checkpointKey("r", 9)).isLessThan(ObjectLayout.checkpointKey("r", 10));
    }

    @Test
    void rejectsKeysThatAreNotCheckpoints() {
        assertThatThrownBy(() -> ObjectLayout.versionOf("runs/r/grids/00000001.png"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObjectLayout.checkpointKey("Bad Id", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObjectLayout.checkpointKey("r", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
