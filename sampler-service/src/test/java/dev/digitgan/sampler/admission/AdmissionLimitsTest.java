package dev.digitgan.sampler.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.sampler.TestConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdmissionLimitsTest {

    static final long LARGEST = RenderCost.grid(256, 8);
    static final Duration WAIT = Duration.ofSeconds(2);

    static AdmissionLimits sized(long heapBytes, int cpus) {
        return AdmissionLimits.size(heapBytes, cpus, LARGEST, 0, -1, 0.25, 1000, 0.1, WAIT, Duration.ofSeconds(1));
    }

    @Test
    void theProductionHeapOnTwoCpusIsBoundByTheCpus() {
        // k8s: 2 GiB limit, MaxRAMPercentage=40 -> 820 MiB heap; heap would allow 84k units, 2 CPUs 4 largest grids
        AdmissionLimits limits = sized(820L << 20, 2);
        assertThat(limits.inFlight()).isEqualTo(2 * AdmissionLimits.LARGEST_PER_CPU * LARGEST);
        assertThat(limits.reserve()).isEqualTo((long) Math.ceil(limits.inFlight() * 0.1));
        assertThat(limits.queued()).isEqualTo(limits.inFlight());
        // three largest grids render at once beside the reserve, not four
        assertThat(limits.ceilingFor(LARGEST) / LARGEST).isEqualTo(3);
    }

    @Test
    void aSmallHeapIsBoundByTheHeap() {
        AdmissionLimits limits = sized(256L << 20, 8);
        assertThat(limits.inFlight()).isEqualTo((256L << 20) / 4 / AdmissionLimits.BYTES_PER_UNIT);
    }

    @Test
    void theLargestRequestAlwaysFitsBesideTheReserve() {
        AdmissionLimits limits = sized(16L << 20, 1);
        assertThat(limits.ceilingFor(LARGEST)).isGreaterThanOrEqualTo(LARGEST);
    }

    @Test
    void settingsReplaceTheDerivedSizes() {
        AdmissionLimits limits = AdmissionLimits.size(820L << 20, 2, LARGEST, 50_000, 0, 0.25, 100, 0.2, WAIT,
                Duration.ofSeconds(3));
        assertThat(limits.inFlight()).isEqualTo(50_000);
        assertThat(limits.reserve()).isEqualTo(10_000);
        assertThat(limits.queued()).isZero();
        assertThat(limits.cheapCost()).isEqualTo(100);
    }

    @Test
    void nonsenseSharesAreRefused() {
        assertThatThrownBy(() -> AdmissionLimits.size(1L << 30, 2, LARGEST, 0, -1, 0, 1000, 0.1, WAIT, WAIT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AdmissionLimits.size(1L << 30, 2, LARGEST, 0, -1, 0.25, 1000, 1, WAIT, WAIT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSamplersLargestRequestIsTheLargestGrid() {
        assertThat(RenderAdmission.largestRequest(new TestConfig())).isEqualTo(LARGEST);
    }
}
