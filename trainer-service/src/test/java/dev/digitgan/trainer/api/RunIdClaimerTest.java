package dev.digitgan.trainer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.support.api.KafkaUnavailableException;
import dev.digitgan.trainer.kafka.AckWait;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Unit, no broker: every outcome of a run-id claim, with the log and its view played by a list. */
class RunIdClaimerTest {

    private static final Instant T = Instant.parse("2026-12-02T10:00:00Z");

    /** The log in memory: claims in log order; the view has read the first {@code read} of them. */
    private static final class ListLog implements RunIdLog {
        final List<RunIdClaim> log = new ArrayList<>();
        int read;
        /** Claims another request appends just before ours reaches the log (the race). */
        final List<RunIdClaim> racers = new ArrayList<>();
        RuntimeException ackFailure;
        boolean catchUpTimesOut;
        /** Catch-ups that return without having read anything new (a view that lags). */
        int laggingCatchUps;
        int partitions = 1;
        final AtomicInteger appends = new AtomicInteger();

        @Override
        public CompletionStage<Void> append(RunIdClaim claim) {
            appends.incrementAndGet();
            if (ackFailure != null) {
                return CompletableFuture.failedFuture(ackFailure);
            }
            log.addAll(racers);
            log.add(claim);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public Optional<RunIdClaim> first(String runId) {
            return log.subList(0, read).stream().filter(c -> c.runId().equals(runId)).findFirst();
        }

        @Override
        public void awaitCaughtUp(Duration timeout) throws TimeoutException {
            if (catchUpTimesOut) {
                throw new TimeoutException("run-ids view did not catch up with digitgan.run-ids within " + timeout);
            }
            if (laggingCatchUps > 0) {
                laggingCatchUps--;
                return;
            }
            read = log.size();
        }

        @Override
        public int partitions() {
            return partitions;
        }
    }

    private final ListLog log = new ListLog();
    private final AtomicInteger nonces = new AtomicInteger();

    private RunIdClaimer claimer(Duration catchUp) {
        return new RunIdClaimer(log, "trainer-a", catchUp, new AckWait(Duration.ofSeconds(1), "test-ack-wait"),
                () -> "nonce-" + nonces.incrementAndGet(), Clock.fixed(T, ZoneOffset.UTC));
    }

    private static RunIdClaim claim(String runId, String nonce, String instance) {
        return new RunIdClaim(RunIdClaim.SCHEMA_VERSION, runId, nonce, instance, "someone", T.minusSeconds(5));
    }

    @Test
    void theDecisionIsWonOnlyForTheClaimantsOwnClaimReadBackFirst() {
        RunIdClaim mine = claim("r", "n1", "a");
        assertThat(RunIdClaimer.decide(Optional.of(mine), mine)).isEqualTo(RunIdClaimer.Verdict.WON);
        assertThat(RunIdClaimer.decide(Optional.of(claim("r", "n2", "a")), mine))
                .as("same id, same instance, another request").isEqualTo(RunIdClaimer.Verdict.TAKEN);
        assertThat(RunIdClaimer.decide(Optional.empty(), mine)).isEqualTo(RunIdClaimer.Verdict.NOT_READ_YET);
    }

    @Test
    void aFreeIdIsWonByItsClaimWhichStaysInTheLog() {
        RunIdClaimer.Outcome outcome = claimer(Duration.ofSeconds(1)).claim("fresh", "alice");
        assertThat(outcome.won()).isTrue();
        assertThat(outcome.first()).isEqualTo(new RunIdClaim(1, "fresh", "nonce-1", "trainer-a", "alice", T));
        assertThat(log.log).containsExactly(outcome.first());
    }

    @Test
    void aRequestWhoseClaimCameSecondInTheRaceIsRefusedNamingTheFirst() {
        RunIdClaim other = claim("same", "theirs", "trainer-b");
        log.racers.add(other);
        RunIdClaimer.Outcome outcome = claimer(Duration.ofSeconds(1)).claim("same", "alice");
        assertThat(outcome.won()).isFalse();
        assertThat(outcome.first()).isEqualTo(other);
        assertThat(outcome.first().describe()).contains("someone").contains("trainer-b");
        assertThat(log.log).hasSize(2); // the loser's claim is written, and harmless: only the first counts
    }

    @Test
    void anIdTakenLongAgoIsRefusedWithoutWritingAnotherClaim() {
        log.log.add(claim("old", "long-ago", "trainer-b"));
        log.read = 1;
        RunIdClaimer.Outcome outcome = claimer(Duration.ofSeconds(1)).claim("old", "alice");
        assertThat(outcome.won()).isFalse();
        assertThat(outcome.first().nonce()).isEqualTo("long-ago");
        assertThat(log.appends).hasValue(0);
    }

    @Test
    void anotherIdsClaimDoesNotTakeThisOne() {
        log.racers.add(claim("other-id", "theirs", "trainer-b"));
        assertThat(claimer(Duration.ofSeconds(1)).claim("mine", "alice").won()).isTrue();
    }

    @Test
    void aViewThatLagsIsReadAgainUntilTheClaimIsThere() {
        log.laggingCatchUps = 3;
        assertThat(claimer(Duration.ofSeconds(5)).claim("lagging", "alice").won()).isTrue();
    }

    @Test
    void aClaimNeverReadBackIsNotTakenForAWinButA503() {
        log.laggingCatchUps = Integer.MAX_VALUE;
        assertThatThrownBy(() -> claimer(Duration.ofMillis(300)).claim("unseen", "alice"))
                .isInstanceOf(KafkaUnavailableException.class)
                .hasMessageContaining("acknowledged but not read back within PT0.3S");
    }

    @Test
    void anUnacknowledgedClaimOrAViewThatCannotCatchUpIsA503() {
        log.ackFailure = new org.apache.kafka.common.errors.TimeoutException("Expiring 1 record(s)");
        assertThatThrownBy(() -> claimer(Duration.ofSeconds(1)).claim("r", "alice"))
                .isInstanceOf(KafkaUnavailableException.class)
                .hasMessageContaining("run id 'r' not claimed").hasMessageContaining("Expiring 1 record(s)");

        log.ackFailure = null;
        log.catchUpTimesOut = true;
        assertThatThrownBy(() -> claimer(Duration.ofSeconds(1)).claim("r2", "alice"))
                .isInstanceOf(KafkaUnavailableException.class)
                .hasMessageContaining("did not catch up");
    }

    @Test
    void aLogOfSeveralPartitionsDecidesNothing() {
        log.partitions = 3;
        assertThatThrownBy(() -> claimer(Duration.ofSeconds(1)).claim("r", "alice"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("3 partitions");
    }
}
