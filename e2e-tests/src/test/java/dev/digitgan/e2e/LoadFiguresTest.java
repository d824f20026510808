package dev.digitgan.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadFiguresTest {

    @Test
    void aSpanIsTheDifferenceOfTwoReadingsOfTheSameLoad() {
        LoadFigures before = new LoadFigures(100, 1, Map.of("200", 99L, "HttpTimeoutException", 1L));
        LoadFigures after = new LoadFigures(1_350, 3, Map.of("200", 1_347L, "HttpTimeoutException", 1L, "503", 2L));
        LoadFigures span = after.since(before);
        assertThat(span).isEqualTo(new LoadFigures(1_250, 2, Map.of("200", 1_248L, "503", 2L)));
        assertThat(span.figures()).isEqualTo("sampler 2/1,250 failed {200=1248, 503=2}");
    }

    @Test
    void noFailureNamesOnlyTheCount() {
        assertThat(new LoadFigures(4_812, 0, Map.of("200", 4_812L)).figures()).isEqualTo("sampler 0/4,812 failed");
    }
}
