package dev.digitgan.trainer.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.RunStatus.State;
import dev.digitgan.model.events.SchemaVersions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Two instances scanning one claim log (a list in claim order, first claim of a key wins, as in the run-id topic)
 * for one orphaned run: exactly one of them resumes it, whatever the order of their claims.
 */
class TakeoverScanTest {

    /** The claim log both instances share, in append order. */
    private final List<String[]> log = new ArrayList<>();
    private final Map<String, StatusAt> statuses = new LinkedHashMap<>();
    private Set<String> live = Set.of("b", "c");
    private int kafkaDown;

    private final class Claims implements TakeoverClaims {
        private final String me;

        Claims(String me) {
            this.me = me;
        }

        @Override
        public void awaitCaughtUp(Duration timeout) throws TimeoutException {
            if (kafkaDown > 0) {
                kafkaDown--;
                throw new TimeoutException("not caught up");
            }
        }

        @Override
        public Optional<String> claimant(String key) {
            return log.stream().filter(c -> c[0].equals(key)).map(c -> c[1]).findFirst();
        }

        @Override
        public boolean claim(String key) {
            log.add(new String[] {key, me});
            return claimant(key).orElseThrow().equals(me);
        }
    }

    private final RunStatuses view = new RunStatuses() {
        @Override
        public void awaitCaughtUp(Duration timeout) {
        }

        @Override
        public Optional<RunStatus> get(String runId) {
            return Optional.ofNullable(statuses.get(runId)).map(StatusAt::status);
        }

        @Override
        public List<StatusAt> active() {
            return List.copyOf(statuses.values());
        }
    };

    private TakeoverScan scan(String me) {
        return new TakeoverScan(me, view, new Claims(me), () -> live, Duration.ofSeconds(1), true);
    }

    private void orphan(String runId, String owner, String position) {
        statuses.put(runId, new StatusAt(new RunStatus(SchemaVersions.RUN_STATUS, runId, State.RUNNING, "mlp", 1, 3,
                40, 100, 2, owner, "training", Instant.EPOCH, null), position));
    }

    @Test
    void ofTwoInstancesThatFindOneOrphanExactlyOneResumesIt() throws Exception {
        orphan("r1", "a", "0:7");

        Optional<StatusAt> b = scan("b").next();
        Optional<StatusAt> c = scan("c").next();

        assertThat(b).map(StatusAt::runId).contains("r1");
        assertThat(c).as("c's claim of the same key came second").isEmpty();
        assertThat(log).as("c saw b's claim and b is alive: no claim of its own").hasSize(1);
    }

    @Test
    void whenTheWinnerDiesBeforeItsFirstStatusTheOtherClaimsTheNextKey() throws Exception {
        orphan("r1", "a", "0:7");
        assertThat(scan("b").next()).isPresent();

        live = Set.of("c"); // b died too
        Optional<StatusAt> c = scan("c").next();

        assertThat(c).isPresent();
        assertThat(log).extracting(e -> e[0] + " by " + e[1]).containsExactly("r1@0:7#1 by b", "r1@0:7#2 by c");
    }

    @Test
    void aLiveOwnersRunIsNotClaimedAndAnUnansweredScanDecidesNothing() throws Exception {
        orphan("r1", "c", "0:7");
        assertThat(scan("b").next()).isEmpty();

        orphan("r2", "a", "1:3");
        kafkaDown = 1;
        assertThat(scan("b").next()).as("views not caught up: no decision").isEmpty();
        assertThat(log).isEmpty();
        assertThat(scan("b").next()).map(StatusAt::runId).contains("r2");
    }
}
