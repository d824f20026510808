package dev.digitgan.sampler.admission;

import static dev.digitgan.sampler.admission.Admission.Decision.REFUSE;
import static dev.digitgan.sampler.admission.Admission.Decision.RUN;
import static dev.digitgan.sampler.admission.Admission.Decision.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    /** 1,000 units in flight, 100 of them reserved for requests of at most 10; 500 may wait. */
    static final AdmissionLimits LIMITS = new AdmissionLimits(1000, 100, 10, 500, Duration.ofSeconds(2),
            Duration.ofSeconds(1));

    @Test
    void aRequestThatFitsRuns() {
        assertThat(Admission.decide(LIMITS, 0, 0, false, 900)).isEqualTo(RUN);
        assertThat(Admission.decide(LIMITS, 400, 0, false, 500)).isEqualTo(RUN);
    }

    @Test
    void anExpensiveRequestLeavesTheReserveFree() {
        assertThat(Admission.decide(LIMITS, 499, 0, false, 402)).isEqualTo(WAIT);
        assertThat(Admission.decide(LIMITS, 500, 0, false, 401)).isEqualTo(WAIT);
    }

    @Test
    void aCheapRequestMayUseTheReserve() {
        assertThat(Admission.decide(LIMITS, 990, 0, false, 10)).isEqualTo(RUN);
        assertThat(Admission.decide(LIMITS, 991, 0, false, 10)).isEqualTo(WAIT);
    }

    @Test
    void aCheapRequestDoesNotWaitBehindExpensiveOnes() {
        assertThat(Admission.decide(LIMITS, 900, 500, true, 10)).isEqualTo(RUN);
    }

    @Test
    void anExpensiveRequestWaitsBehindAnEarlierOneEvenIfItFits() {
        assertThat(Admission.decide(LIMITS, 0, 200, true, 100)).isEqualTo(WAIT);
        assertThat(Admission.mayStart(LIMITS, 0, true, 100)).isFalse();
        assertThat(Admission.mayStart(LIMITS, 0, false, 100)).isTrue();
    }

    @Test
    void beyondTheQueueTheAnswerIsRefusal() {
        assertThat(Admission.decide(LIMITS, 900, 400, false, 100)).isEqualTo(WAIT);
        assertThat(Admission.decide(LIMITS, 900, 401, false, 100)).isEqualTo(REFUSE);
        assertThat(Admission.decide(LIMITS, 1000, 500, false, 1)).isEqualTo(REFUSE);
    }

    @Test
    void noQueueMeansRefusalAtOnce() {
        AdmissionLimits noQueue = new AdmissionLimits(1000, 100, 10, 0, Duration.ofSeconds(2), Duration.ofSeconds(1));
        assertThat(Admission.decide(noQueue, 900, 0, false, 100)).isEqualTo(REFUSE);
    }

    @Test
    void aRequestLargerThanTheBudgetIsChargedTheWholeBudgetSoItRunsAlone() {
        assertThat(Admission.charge(LIMITS, 5000)).isEqualTo(900);
        assertThat(Admission.decide(LIMITS, 0, 0, false, Admission.charge(LIMITS, 5000))).isEqualTo(RUN);
        assertThat(Admission.charge(LIMITS, 0)).isEqualTo(1);
    }
}
