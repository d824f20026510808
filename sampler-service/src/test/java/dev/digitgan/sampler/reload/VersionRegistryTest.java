package dev.digitgan.sampler.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class VersionRegistryTest {

    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);
    private final Instant t0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void newestIsTheGreatestCreatedAtWhateverTheArrivalOrder() {
        VersionRegistry registry = new VersionRegistry();
        registry.record(Events.checkpoint("run-b", 1, 10, SHA_A, t0.plusSeconds(30)));
        registry.record(Events.checkpoint("run-a", 5, 10, SHA_A, t0.plusSeconds(10)));
        registry.record(Events.checkpoint("run-a", 6, 10, SHA_A, t0.plusSeconds(20)));
        assertThat(registry.newestLoadable()).get().extracting(KnownVersion::modelVersion).isEqualTo("run-b@1");
        assertThat(registry.all()).extracting(KnownVersion::modelVersion)
                .containsExactly("run-b@1", "run-a@6", "run-a@5");
    }

    @Test
    void rejectedVersionsAreSkippedByLatestButStillListed() {
        VersionRegistry registry = new VersionRegistry();
        registry.record(Events.checkpoint("run", 1, 10, SHA_A, t0));
        registry.record(Events.checkpoint("run", 2, 10, SHA_A, t0.plusSeconds(1)));
        registry.reject("run@2", "sha_mismatch: ...");
        assertThat(registry.newestLoadable()).get().extracting(KnownVersion::modelVersion).isEqualTo("run@1");
        assertThat(registry.find("run@2")).get().extracting(KnownVersion::rejected).asString()
                .startsWith("sha_mismatch");
        assertThat(registry.size()).isEqualTo(2);
    }

    @Test
    void aDuplicateChangesNothingButRepublishedBytesClearTheRejection() {
        VersionRegistry registry = new VersionRegistry();
        assertThat(registry.record(Events.checkpoint("run", 1, 10, SHA_A, t0))).isTrue();
        registry.reject("run@1", "corrupt");
        assertThat(registry.record(Events.checkpoint("run", 1, 10, SHA_A, t0))).isFalse();
        assertThat(registry.newestLoadable()).isEmpty();
        assertThat(registry.record(Events.checkpoint("run", 1, 10, SHA_B, t0.plusSeconds(5)))).isTrue();
        assertThat(registry.newestLoadable()).get().extracting(k -> k.event().sha256()).isEqualTo(SHA_B);
    }
}
