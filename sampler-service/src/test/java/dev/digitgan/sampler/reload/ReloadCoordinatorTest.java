package dev.digitgan.sampler.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.PolicyChange;
import dev.digitgan.model.quality.QualityScores;
import dev.digitgan.sampler.TestConfig;
import dev.digitgan.sampler.TinyGenerators;
import dev.digitgan.sampler.model.GeneratorHolder;
import dev.digitgan.sampler.model.GeneratorReader;
import dev.digitgan.sampler.model.LoadedModel;
import dev.digitgan.sampler.model.ModelLoader;
import dev.digitgan.sampler.model.ModelRejectedException;
import dev.digitgan.sampler.model.RejectReason;
import dev.digitgan.sampler.model.ShippedModel;
import dev.digitgan.sampler.model.ShippedScore;
import dev.digitgan.sampler.tools.GeneratorOnlyCheckpoint;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The reload logic with checkpoint bytes in memory (S3 and Kafka are covered by the integration tests). */
class ReloadCoordinatorTest {

    private final Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final List<String> fetched = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final CountDownLatch fetchStarted = new CountDownLatch(1);
    private final VersionRegistry registry = new VersionRegistry();
    private final GeneratorHolder holder = new GeneratorHolder();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ReloadMetrics metrics = new ReloadMetrics(meters, holder, registry);
    private final ModelLoader loader = new ModelLoader(new GeneratorReader(), 2);
    private final MemoryJournal journal = new MemoryJournal();
    private final List<Long> fetchedAtNanos = new CopyOnWriteArrayList<>();
    /** Versions whose fetch throws an Error: stands in for a load that kills the process. */
    private final List<String> deadly = new CopyOnWriteArrayList<>();

    private final CheckpointSource source = event -> {
        fetched.add(event.modelVersion());
        fetchedAtNanos.add(System.nanoTime());
        fetchStarted.countDown();
        if (deadly.contains(event.modelVersion())) {
            throw new OutOfMemoryError("stands in for a load that takes the process down");
        }
        try {
            gate.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] bytes = objects.get(event.objectKey());
        if (bytes == null) {
            throw new ModelRejectedException(RejectReason.FETCH_FAILED, "no object " + event.objectKey());
        }
        if (bytes.length != event.sizeBytes()) {
            throw new ModelRejectedException(RejectReason.SIZE_MISMATCH, "size " + bytes.length);
        }
        return bytes;
    };

    private ReloadCoordinator coordinator(ShippedModel shipped) {
        return new ReloadCoordinator(registry, holder, source, loader, metrics, shipped, new TestConfig(), journal);
    }

    /** A coordinator as a restarted process has it: new registry and holder (rebuilt from the topic), same journal. */
    private ReloadCoordinator restarted(VersionRegistry freshRegistry, GeneratorHolder freshHolder) {
        return new ReloadCoordinator(freshRegistry, freshHolder, source, loader,
                new ReloadMetrics(new SimpleMeterRegistry(), freshHolder, freshRegistry), ShippedModel.none(),
                new TestConfig(), journal);
    }

    /** Under the best policy with a margin of 10 %. */
    private ReloadCoordinator best(ShippedModel shipped) {
        return new ReloadCoordinator(registry, holder, source, loader, metrics, shipped, new TestConfig("best", 0.1),
                journal);
    }

    private static QualityScores fd(double distance) {
        return new QualityScores(distance, 6.0, 3.1, null, 2000, "mnist-cnn-0123456789ab");
    }

    /** A shipped model ({@code shipped-mlp@1}) with the given scores, or unscored for null. */
    private static ShippedModel shipped(QualityScores quality) throws Exception {
        var gan = dev.digitgan.model.nets.GanNetworks.create(TinyGenerators.spec(99));
        byte[] bytes = GeneratorOnlyCheckpoint.write(TinyGenerators.manifest("shipped-mlp", 1, gan.spec()),
                gan.generator());
        return ShippedModel.of(bytes, quality == null ? null : new ShippedScore(ModelLoader.sha256(bytes),
                dev.digitgan.model.quality.EvaluationProtocol.LATENT_SEED, quality));
    }

    /** Stores a good checkpoint for {@code run@version} and returns its event, scored with {@code quality}. */
    private CheckpointEvent publish(String run, long version, QualityScores quality) {
        CheckpointEvent event = publish(run, version);
        return quality == null ? event : event.withQuality(quality);
    }

    /** Waits for the policy's reason (set on the reload thread just after a swap, so a moment after it). */
    private void awaitReason(ReloadCoordinator coordinator, String reason) {
        await().atMost(Duration.ofSeconds(20)).until(() -> reason.equals(coordinator.state().reason()));
    }

    /** Stores a good checkpoint for {@code run@version} and returns its event. */
    private CheckpointEvent publish(String run, long version) {
        byte[] bytes = TinyGenerators.checkpoint(run, version);
        CheckpointEvent event = Events.checkpoint(run, version, bytes, t0.plusSeconds(version));
        objects.put(event.objectKey(), bytes);
        return event;
    }

    private void awaitServing(String version) {
        await().atMost(Duration.ofSeconds(20)).until(() -> serving().equals(version));
    }

    private String serving() {
        return holder.current().map(LoadedModel::modelVersion).orElse("");
    }

    private double reloads(String result) {
        return meters.get("sampler.reloads").tag("result", result).counter().count();
    }

    @Test
    void servesTheShippedModelFirstThenEachNewCheckpoint() throws Exception {
        var gan = dev.digitgan.model.nets.GanNetworks.create(TinyGenerators.spec(99));
        ReloadCoordinator coordinator = coordinator(ShippedModel.of(
                dev.digitgan.sampler.tools.GeneratorOnlyCheckpoint.write(
                        TinyGenerators.manifest("shipped-mlp", 1, gan.spec()), gan.generator())));
        coordinator.start();
        awaitServing("shipped-mlp@1");
        coordinator.accept(publish("run", 1));
        awaitServing("run@1");
        coordinator.accept(publish("run", 2));
        awaitServing("run@2");
        assertThat(reloads("success")).isEqualTo(3);
        assertThat(meters.get("sampler.model.version").gauge().value()).isEqualTo(2);
        assertThat(meters.get("sampler.model.step").gauge().value()).isEqualTo(200);
    }

    @Test
    void aBurstOfEventsLoadsOnlyTheNewest() {
        ReloadCoordinator coordinator = coordinator(ShippedModel.none());
        gate = new CountDownLatch(1);
        coordinator.accept(publish("run", 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> fetchStarted.getCount() == 0);
        for (int v = 2; v <= 6; v++) {
            coordinator.accept(publish("run", v));
        }
        gate.countDown();
        awaitServing("run@6");
        assertThat(fetched).containsExactly("run@1", "run@6");
    }

    @Test
    void corruptTruncatedAndWrongShaCheckpointsAreRejectedAndTheOldModelKeepsServing() {
        ReloadCoordinator coordinator = coordinator(ShippedModel.none());
        coordinator.accept(publish("run", 1));
        awaitServing("run@1");

        byte[] stored = TinyGenerators.checkpoint("run", 2);
        CheckpointEvent wrongSha = Events.checkpoint("run", 2, stored.length,
                dev.digitgan.sampler.model.ModelLoader.sha256(TinyGenerators.checkpoint("run", 77)), t0.plusSeconds(2));
        objects.put(wrongSha.objectKey(), stored); // the announced size, other bytes
        coordinator.accept(wrongSha);

        byte[] good = TinyGenerators.checkpoint("run", 3);
        byte[] corrupt = good.clone();
        for (int i = 0; i < corrupt.length; i += 5) {
            corrupt[i] ^= 0x33;
        }
        CheckpointEvent corruptEvent = Events.checkpoint("run", 3, corrupt, t0.plusSeconds(3));
        objects.put(corruptEvent.objectKey(), corrupt);
        coordinator.accept(corruptEvent);

        CheckpointEvent truncated = publish("run", 4);
        objects.put(truncated.objectKey(), Arrays.copyOf(objects.get(truncated.objectKey()), 1000));
        coordinator.accept(truncated);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> registry.all().stream().filter(k -> k.rejected() != null).count() == 3);
        assertThat(serving()).isEqualTo("run@1");
        assertThat(reloads("sha_mismatch")).isEqualTo(1);
        assertThat(reloads("corrupt")).isEqualTo(1);
        assertThat(reloads("size_mismatch")).isEqualTo(1);
        assertThat(registry.find("run@4").orElseThrow().rejected()).startsWith("size_mismatch");

        coordinator.accept(publish("run", 5));
        awaitServing("run@5");
    }

    @Test
    void pinHoldsAVersionRollbackReturnsToThePreviousAndLatestFollowsAgain() {
        ReloadCoordinator coordinator = coordinator(ShippedModel.none());
        for (int v = 1; v <= 3; v++) {
            coordinator.accept(publish("run", v));
        }
        awaitServing("run@3");

        PolicyState pinned = coordinator.pin("run@1").join();
        assertThat(pinned).isEqualTo(new PolicyState("pinned", "run@1", "run@1",
                "pinned: run@1, set with PUT /models/policy"));
        coordinator.accept(publish("run", 4));
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> registry.size() == 4);
        assertThat(serving()).isEqualTo("run@1");

        PolicyState rolledBack = coordinator.rollback().join();
        assertThat(rolledBack).isEqualTo(new PolicyState("rollback", "run@3", "run@3",
                "rollback: back from run@1 to run@3, the model served before it"));

        assertThat(coordinator.followLatest().join().serving()).isEqualTo("run@4");
    }

    private PolicyChange fleet(PolicyChange.Mode mode, String version) {
        return new PolicyChange(1, mode, version, "admin", t0);
    }

    @Test
    void aFleetPinThisReplicaCannotServeYetKeepsItsModelSaysSoAndServesThePinOnceItArrives() {
        ReloadCoordinator coordinator = coordinator(ShippedModel.none());
        coordinator.accept(publish("run", 1));
        awaitServing("run@1");

        PolicyState waiting = coordinator.apply(fleet(PolicyChange.Mode.PINNED, "run@2")).join();

        assertThat(waiting.mode()).isEqualTo("pinned");
        assertThat(waiting.version()).isEqualTo("run@2");
        assertThat(waiting.serving()).isEqualTo("run@1");
        assertThat(waiting.reason()).startsWith("pinned: run@2 cannot be served here (unknown version")
                .endsWith("keeping run@1 until it can");
        coordinator.accept(publish("run", 2));
        coordinator.accept(publish("run", 3));
        awaitServing("run@2");
        awaitReason(coordinator, "pinned: run@2, set by admin at " + t0 + " for the fleet");
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> registry.size() == 3);
        assertThat(serving()).isEqualTo("run@2");
    }

    @Test
    void aFleetPinOfARejectedVersionKeepsTheModelServedAndLatestFollowsAgain() {
        ReloadCoordinator coordinator = coordinator(ShippedModel.none());
        coordinator.accept(publish("run", 1));
        byte[] badBytes = TinyGenerators.checkpoint("run", 2);
        CheckpointEvent bad = Events.checkpoint("run", 2, badBytes.length, "0".repeat(64), t0.plusSeconds(2));
        objects.put(bad.objectKey(), badBytes);
        coordinator.accept(bad);
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.find("run@2").orElseThrow().rejected() != null);
        awaitServing("run@1");

        PolicyState refused = coordinator.apply(fleet(PolicyChange.Mode.PINNED, "run@2")).join();

        assertThat(refused.serving()).isEqualTo("run@1");
        assertThat(refused.reason()).contains("run@2 was rejected").endsWith("keeping run@1 until it can");
        coordinator.accept(publish("run", 3));
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> registry.size() == 3);
        assertThat(serving()).as("the fleet's pin holds against newer checkpoints").isEqualTo("run@1");

        assertThat(coordinator.apply(fleet(PolicyChange.Mode.LATEST, null)).join())
                .isEqualTo(new PolicyState("latest", null, "run@3", "latest: run@3 is the newest loadable checkpoint"));
    }

    @Test
    void aRollbackIsResolvedToTheVersionServedBeforeSoThatAnotherReplicaGoesToTheSameOne() {
        ReloadCoordinator first = coordinator(ShippedModel.none());
        first.accept(publish("run", 1));
        awaitServing("run@1");
        first.accept(publish("run", 2));
        awaitServing("run@2");

        VersionPolicy resolved = first.resolve(VersionPolicy.Mode.ROLLBACK, null).join();

        assertThat(resolved).isEqualTo(VersionPolicy.rolledBackTo("run@1"));
        assertThat(first.state().mode()).as("the policy changes when the record is read back").isEqualTo("latest");
        VersionRegistry otherRegistry = new VersionRegistry();
        GeneratorHolder otherHolder = new GeneratorHolder();
        ReloadCoordinator other = restarted(otherRegistry, otherHolder);
        other.accept(publish("run", 1));
        other.accept(publish("run", 2));
        PolicyChange change = resolved.change("admin", t0);
        var waiter = other.applied(change);
        other.apply(change);
        PolicyState state = waiter.join();
        assertThat(state.mode()).isEqualTo("rollback");
        assertThat(state.serving()).isEqualTo("run@1");
        assertThat(otherHolder.current().orElseThrow().modelVersion()).isEqualTo("run@1");
    }

    @Test
    void aPinThisReplicaCannotServeIsRefusedBeforeItIsPublished() {
        ReloadCoordinator coordinator = coordinator(ShippedModel.none());
        coordinator.accept(publish("run", 1));
        awaitServing("run@1");
        assertThatThrownBy(() -> coordinator.resolve(VersionPolicy.Mode.PINNED, "run@9").join()).cause()
                .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> coordinator.resolve(VersionPolicy.Mode.ROLLBACK, null).join()).cause()
                .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThat(coordinator.state().mode()).isEqualTo("latest");
    }

    @Test
    void pinningAnUnknownOrRejectedVersionFailsAndChangesNothing() {
        ReloadCoordinator coordinator = coordinator(ShippedModel.none());
        coordinator.accept(publish("run", 1));
        awaitServing("run@1");
        assertThatThrownBy(() -> coordinator.pin("run@9").join()).isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.status()).isEqualTo(404));

        byte[] badBytes = TinyGenerators.checkpoint("run", 2);
        CheckpointEvent bad = Events.checkpoint("run", 2, badBytes.length, "0".repeat(64), t0.plusSeconds(2));
        objects.put(bad.objectKey(), badBytes);
        coordinator.accept(bad);
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.find("run@2").orElseThrow().rejected() != null);
        assertThatThrownBy(() -> coordinator.pin("run@2").join()).cause()
                .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThat(coordinator.state()).isEqualTo(new PolicyState("latest", null, "run@1",
                "latest: run@1 is the newest loadable checkpoint"));
    }

    @Test
    void aMissingObjectIsRetriedAndLoadedOnceItAppears() {
        ReloadCoordinator coordinator = coordinator(ShippedModel.none());
        CheckpointEvent event = publish("run", 1);
        byte[] bytes = objects.remove(event.objectKey());
        coordinator.accept(event);
        await().atMost(Duration.ofSeconds(10)).until(() -> reloads("fetch_failed") >= 1);
        objects.put(event.objectKey(), bytes);
        awaitServing("run@1");
    }

    @Test
    void aMissingObjectIsNeverGivenUpButRetriedWithGrowingDelays() {
        ReloadCoordinator coordinator = coordinator(ShippedModel.none());
        CheckpointEvent event = publish("run", 1);
        byte[] bytes = objects.remove(event.objectKey());
        coordinator.accept(event);
        await().atMost(Duration.ofSeconds(20)).until(() -> reloads("fetch_failed") >= 4);
        for (int i = 0; i < 20; i++) {
            coordinator.requestReconcile(); // other events: they must not bring the next try forward
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> reloads("fetch_failed") >= 5);

        // TestConfig: 300 ms doubling up to 1.2 s; a timer never fires early, so these are lower bounds
        long[] expectedMillis = {300, 600, 1200, 1200};
        for (int i = 0; i < expectedMillis.length; i++) {
            long gapMillis = (fetchedAtNanos.get(i + 1) - fetchedAtNanos.get(i)) / 1_000_000;
            assertThat(gapMillis).as("gap before fetch %d", i + 2).isGreaterThanOrEqualTo(expectedMillis[i] - 5);
        }
        assertThat(registry.find("run@1").orElseThrow().rejected()).isNull();
        assertThat(journal.rejected).isEmpty();
        assertThat(holder.current()).isEmpty();

        objects.put(event.objectKey(), bytes);
        awaitServing("run@1");
        assertThat(journal.loading).as("every load ended").isEmpty();
    }

    @Test
    void aRejectedVersionIsRememberedAcrossARestartAndNotFetchedAgain() {
        ReloadCoordinator first = coordinator(ShippedModel.none());
        CheckpointEvent good = publish("run", 1);
        byte[] stored = TinyGenerators.checkpoint("run", 2);
        CheckpointEvent wrongSha = Events.checkpoint("run", 2, stored.length,
                ModelLoader.sha256(TinyGenerators.checkpoint("run", 77)), t0.plusSeconds(2));
        objects.put(wrongSha.objectKey(), stored);
        first.accept(good);
        first.accept(wrongSha);
        await().atMost(Duration.ofSeconds(20)).until(() -> registry.find("run@2").orElseThrow().rejected() != null);
        assertThat(journal.rejected).containsOnlyKeys(wrongSha.sha256());

        fetched.clear();
        VersionRegistry afterRestart = new VersionRegistry();
        GeneratorHolder servingAfterRestart = new GeneratorHolder();
        ReloadCoordinator second = restarted(afterRestart, servingAfterRestart);
        second.start();
        second.accept(good); // the topic replayed from the beginning
        second.accept(wrongSha);
        await().atMost(Duration.ofSeconds(20)).until(() -> servingAfterRestart.current().isPresent());
        assertThat(servingAfterRestart.current().orElseThrow().modelVersion()).isEqualTo("run@1");
        assertThat(afterRestart.find("run@2").orElseThrow().rejected())
                .startsWith("sha_mismatch").endsWith("(remembered from an earlier start)");
        assertThat(fetched).containsExactly("run@1");

        // re-published with other bytes: a new verdict, not the remembered one
        CheckpointEvent fixed = publish("run", 2);
        second.accept(fixed);
        await().atMost(Duration.ofSeconds(20)).until(() -> servingAfterRestart.current()
                .map(m -> m.modelVersion().equals("run@2")).orElse(false));
    }

    @Test
    void aVersionWhoseLoadKillsTheProcessIsTriedAtMostMaxKilledLoadsTimes() {
        CheckpointEvent good = publish("run", 1);
        CheckpointEvent killer = publish("run", 2);
        deadly.add("run@2");
        // TestConfig.maxKilledLoads() = 2: two starts die in the load (the process is abandoned, as a dead one is)
        for (int start = 1; start <= 2; start++) {
            ReloadCoordinator process = restarted(new VersionRegistry(), new GeneratorHolder());
            process.accept(good); // the topic replayed from the beginning
            process.accept(killer);
            int strikes = start;
            await().atMost(Duration.ofSeconds(20)).until(() -> journal.unfinishedLoads(killer.sha256()) == strikes);
        }
        assertThat(journal.rejected).isEmpty();

        fetched.clear();
        VersionRegistry third = new VersionRegistry();
        GeneratorHolder serving = new GeneratorHolder();
        ReloadCoordinator process = restarted(third, serving);
        process.accept(good);
        process.accept(killer);
        await().atMost(Duration.ofSeconds(20)).until(() -> serving.current().isPresent());
        assertThat(serving.current().orElseThrow().modelVersion()).isEqualTo("run@1");
        assertThat(fetched).containsExactly("run@1");
        assertThat(third.find("run@2").orElseThrow().rejected())
                .startsWith("killed_load: 2 loads of run@2 never finished");
        assertThat(journal.rejected.get(killer.sha256())).startsWith("killed_load");

        // and from then on it is refused when its event is read, before any reconcile
        VersionRegistry fourth = new VersionRegistry();
        restarted(fourth, new GeneratorHolder()).accept(killer);
        assertThat(fourth.find("run@2").orElseThrow().rejected()).endsWith("(remembered from an earlier start)");
    }

    @Test
    void underBestAWorseCheckpointAfterABetterOneIsNotServedButUnderLatestItIs() throws Exception {
        ReloadCoordinator coordinator = best(shipped(fd(20.0)));
        coordinator.start();
        awaitServing("shipped-mlp@1");
        coordinator.accept(publish("run", 1, fd(10.0)));
        awaitReason(coordinator, "best: FD 10.0 < 20.0 − 2.00 (10 % margin); run@1 replaces shipped-mlp@1");
        assertThat(coordinator.state()).isEqualTo(new PolicyState("best", null, "run@1",
                "best: FD 10.0 < 20.0 − 2.00 (10 % margin); run@1 replaces shipped-mlp@1"));

        coordinator.accept(publish("run", 2, fd(50.0)));
        // the decision that saw run@2 keeps run@1: its best challenger is still the shipped model
        awaitReason(coordinator, "best: keeping run@1 (FD 10.0); the best challenger, shipped-mlp@1, has FD 20.0,"
                + " not < 10.0 − 1.00 (10 % margin)");
        assertThat(serving()).isEqualTo("run@1");
        assertThat(fetched).containsExactly("run@1");

        assertThat(coordinator.followLatest().join().serving()).isEqualTo("run@2");
        PolicyState back = coordinator.followBest().join();
        assertThat(back.serving()).isEqualTo("run@1");
        assertThat(back.reason()).isEqualTo("best: FD 10.0 < 50.0 − 5.00 (10 % margin); run@1 replaces run@2");
    }

    @Test
    void underBestAnUnscoredCheckpointNeverReplacesAScoredModel() throws Exception {
        ReloadCoordinator coordinator = best(shipped(fd(20.0)));
        coordinator.start();
        awaitServing("shipped-mlp@1");
        coordinator.accept(publish("run", 1, null));
        coordinator.accept(publish("run", 2, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> String.valueOf(coordinator.state().reason())
                .endsWith("(2 unscored)"));
        assertThat(serving()).isEqualTo("shipped-mlp@1");
        assertThat(fetched).isEmpty();
    }

    @Test
    void underBestAnUnscoredShippedModelGivesWayToTheFirstScoredCheckpoint() throws Exception {
        ReloadCoordinator coordinator = best(shipped(null));
        coordinator.start();
        awaitServing("shipped-mlp@1");
        coordinator.accept(publish("run", 1, fd(70.0)));
        awaitServing("run@1");
        awaitReason(coordinator, "best: run@1 has the lowest FD (70.0, N 2000) of 1 scored version;"
                + " shipped-mlp@1 is unscored");
    }

    @Test
    void underBestARejectedBestVersionGivesWayToTheNextBest() {
        ReloadCoordinator coordinator = best(ShippedModel.none());
        gate = new CountDownLatch(1);
        coordinator.accept(publish("run", 1, fd(30.0)));
        await().atMost(Duration.ofSeconds(10)).until(() -> fetchStarted.getCount() == 0);
        CheckpointEvent best = publish("run", 2, fd(10.0));
        byte[] corrupt = objects.get(best.objectKey()).clone();
        for (int i = 0; i < corrupt.length; i += 5) {
            corrupt[i] ^= 0x33;
        }
        objects.put(best.objectKey(), corrupt); // same size, other bytes: refused for good (sha_mismatch)
        coordinator.accept(best);
        coordinator.accept(publish("run", 3, fd(20.0)));
        gate.countDown();
        awaitServing("run@3");
        awaitReason(coordinator, "best: FD 20.0 < 30.0 − 3.00 (10 % margin); run@3 replaces run@1");
        assertThat(fetched).containsExactly("run@1", "run@2", "run@3");
        assertThat(registry.find("run@2").orElseThrow().rejected()).startsWith("sha_mismatch");
    }

    @Test
    void theStartPolicyIsBestOrLatestAndNothingElse() {
        assertThat(best(ShippedModel.none()).state().mode()).isEqualTo("best");
        assertThat(coordinator(ShippedModel.none()).state().mode()).isEqualTo("latest");
        assertThatThrownBy(() -> new ReloadCoordinator(registry, holder, source, loader, metrics, ShippedModel.none(),
                new TestConfig("pinned", 0.1), journal)).hasMessageContaining("must be best or latest");
        assertThatThrownBy(() -> new ReloadCoordinator(registry, holder, source, loader, metrics, ShippedModel.none(),
                new TestConfig("best", 1.5), journal)).hasMessageContaining("[0, 1)");
    }
}
