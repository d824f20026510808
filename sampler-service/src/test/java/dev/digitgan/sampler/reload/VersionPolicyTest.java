package dev.digitgan.sampler.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionPolicyTest {

    @Test
    void parsesModesCaseInsensitively() {
        assertThat(VersionPolicy.Mode.parse(" Pinned ")).isEqualTo(VersionPolicy.Mode.PINNED);
        assertThat(VersionPolicy.Mode.parse("latest")).isEqualTo(VersionPolicy.Mode.LATEST);
    }

    @Test
    void unknownModesNameTheValidOnes() {
        assertThatThrownBy(() -> VersionPolicy.Mode.parse("newest")).hasMessageContaining("latest, pinned or rollback");
        assertThatThrownBy(() -> VersionPolicy.Mode.parse(null)).hasMessageContaining("latest, pinned or rollback");
    }

    @Test
    void pinsNeedAVersionAndLatestTakesNone() {
        assertThatThrownBy(() -> new VersionPolicy(VersionPolicy.Mode.PINNED, " "))
                .hasMessageContaining("needs a version");
        assertThatThrownBy(() -> new VersionPolicy(VersionPolicy.Mode.LATEST, "run@1"))
                .hasMessageContaining("no version");
    }
}
