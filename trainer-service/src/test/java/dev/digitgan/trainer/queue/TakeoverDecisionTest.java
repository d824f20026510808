package dev.digitgan.trainer.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.RunStatus.State;
import dev.digitgan.model.events.SchemaVersions;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TakeoverDecisionTest {

    private static final String ME = "trainer-b";
    private final Map<String, String> claims = new HashMap<>();

    private static StatusAt running(String owner) {
        return new StatusAt(new RunStatus(SchemaVersions.RUN_STATUS, "r1", State.RUNNING, "mlp", 1, 3, 40, 100, 2,
                owner, "training", Instant.EPOCH, null), "0:17");
    }

    private TakeoverDecision decide(StatusAt run, Set<String> live, boolean others) {
        return TakeoverDecision.decide(run, key -> Optional.ofNullable(claims.get(key)), live, ME, others);
    }

    @Test
    void aRunWhoseOwnerIsInThePresenceGroupIsLeftAlone() {
        TakeoverDecision decision = decide(running("trainer-a"), Set.of("trainer-a", ME), true);

        assertThat(decision.action()).isEqualTo(TakeoverDecision.Action.LEAVE);
        assertThat(decision.owner()).isEqualTo("trainer-a");
    }

    @Test
    void aRunWhoseOwnerLeftTheGroupIsClaimedUnderTheFirstKeyOfItsNewestStatus() {
        TakeoverDecision decision = decide(running("trainer-a"), Set.of(ME), true);

        assertThat(decision.action()).isEqualTo(TakeoverDecision.Action.CLAIM);
        assertThat(decision.claimKey()).isEqualTo("r1@0:17#1");
    }

    @Test
    void thisInstancesOwnRunFromBeforeItDiedIsClaimedEvenWhileItIsAMember() {
        assertThat(decide(running(ME), Set.of(ME, "trainer-a"), true).action())
                .isEqualTo(TakeoverDecision.Action.CLAIM);
        assertThat(decide(running(ME), Set.of(), false).claimKey()).isEqualTo("r1@0:17#1");
    }

    @Test
    void withoutTakingOverOthersOnlyOwnRunsAreClaimed() {
        assertThat(decide(running("trainer-a"), Set.of(), false).action()).isEqualTo(TakeoverDecision.Action.LEAVE);
    }

    @Test
    void theWinnerOfTheLastClaimOwnsTheRunUntilItsOwnStatusMovesIt() {
        claims.put("r1@0:17#1", "trainer-c");

        // trainer-c won and is alive (it has not published its RUNNING yet): nobody else claims.
        assertThat(decide(running("trainer-a"), Set.of("trainer-c", ME), true).action())
                .isEqualTo(TakeoverDecision.Action.LEAVE);
        // trainer-c died before it did: the next claim is #2, so an old claim's loser cannot reuse #1.
        TakeoverDecision next = decide(running("trainer-a"), Set.of(ME), true);
        assertThat(next.action()).isEqualTo(TakeoverDecision.Action.CLAIM);
        assertThat(next.claimKey()).isEqualTo("r1@0:17#2");
        assertThat(next.owner()).isEqualTo("trainer-c");
    }

    @Test
    void aNewerStatusStartsANewSeriesOfClaims() {
        claims.put("r1@0:17#1", "trainer-c");
        StatusAt moved = new StatusAt(running("trainer-c").status(), "0:25");

        assertThat(decide(moved, Set.of(ME), true).claimKey()).isEqualTo("r1@0:25#1");
    }
}
