package dev.digitgan.sampler.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.digitgan.model.checkpoint.CheckpointBytes;
import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.ObjectLayout;
import dev.digitgan.sampler.HostileCheckpoints;
import dev.digitgan.sampler.TinyGenerators;
import dev.digitgan.sampler.model.GeneratorHolder;
import dev.digitgan.sampler.model.LoadedModel;
import dev.digitgan.sampler.model.ModelInfo;
import dev.digitgan.sampler.model.ModelLoader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hot reload against the real Kafka and S3: checkpoints published as a trainer publishes them. */
@QuarkusTest
@WithTestResource(SamplerStackResource.class)
class CheckpointReloadTest {

    private static TrainerStandIn stack;

    @Inject
    GeneratorHolder holder;

    @BeforeAll
    static void connect() {
        stack = TrainerStandIn.fromConfig();
    }

    @AfterAll
    static void disconnect() {
        stack.close();
    }

    static String servedVersion() {
        return given().queryParam("n", 1).queryParam("seed", 1).get("/digits/grid.png").header("X-Model-Version");
    }

    static void awaitServed(String version) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> version.equals(servedVersion()));
    }

    static JsonPath models() {
        return given().get("/models").then().statusCode(200).extract().jsonPath();
    }

    static String rejected(String version) {
        return models().getString("versions.find { it.model.modelVersion == '" + version + "' }.rejected");
    }

    @Test
    void catchesUpWithCheckpointsPublishedBeforeItStarted() {
        await().atMost(Duration.ofSeconds(60)).until(() -> models().getList("versions.model.modelVersion")
                .containsAll(List.of("catch-up@1", "catch-up@2")));
        // The newest of them was served at some point (later tests may have moved on since).
        await().atMost(Duration.ofSeconds(60)).until(() -> holder.current().map(LoadedModel::modelVersion)
                .filter("catch-up@2"::equals).isPresent()
                || holder.previouslyServed().stream().map(ModelInfo::modelVersion).anyMatch("catch-up@2"::equals));
        JsonPath listing = models();
        Map<String, Object> meta = listing.getMap("versions.find { it.model.modelVersion == 'catch-up@2' }.model");
        assertThat(meta).containsEntry("runId", "catch-up").containsEntry("epoch", 2).containsEntry("step", 200)
                .containsKeys("discriminatorLoss", "generatorLoss", "createdAt");
    }

    @Test
    void theServedVersionAdvancesWithEachCheckpoint() {
        for (int v = 1; v <= 3; v++) {
            stack.publishGood("advance", v);
            awaitServed("advance@" + v);
        }
        assertThat(given().get("/models/current").then().statusCode(200).extract().jsonPath().getLong("step"))
                .isEqualTo(300);
    }

    @Test
    void corruptTruncatedAndWrongShaCheckpointsAreRejectedWhileTheOldModelKeepsServing() {
        stack.publishGood("reject", 1);
        awaitServed("reject@1");
        byte[] before = given().queryParam("n", 4).queryParam("seed", 7).get("/digits/grid.png").asByteArray();

        // wrong SHA-256: intact bytes, but the event announces another hash
        byte[] good2 = TinyGenerators.checkpoint("reject", 2);
        stack.put(ObjectLayout.checkpointKey("reject", 2), good2);
        stack.announce(stack.event("reject", 2, good2.length,
                ModelLoader.sha256(TinyGenerators.checkpoint("reject", 9)), Instant.now()));

        // truncated: the object is cut short of what the event announces
        byte[] good3 = TinyGenerators.checkpoint("reject", 3);
        stack.put(ObjectLayout.checkpointKey("reject", 3), Arrays.copyOf(good3, good3.length / 3));
        stack.announce(stack.event("reject", 3, good3.length, ModelLoader.sha256(good3), Instant.now()));

        // corrupt: size and hash match the event, but the bytes are no checkpoint
        byte[] garbage = "this is not a zip file at all, just text pretending to be a checkpoint"
                .repeat(50).getBytes(StandardCharsets.UTF_8);
        stack.put(ObjectLayout.checkpointKey("reject", 4), garbage);
        stack.announce(stack.event("reject", 4, garbage.length, ModelLoader.sha256(garbage), Instant.now()));

        await().atMost(Duration.ofSeconds(60)).until(() -> rejected("reject@4") != null
                && rejected("reject@3") != null && rejected("reject@2") != null);
        assertThat(rejected("reject@2")).startsWith("sha_mismatch");
        assertThat(rejected("reject@3")).startsWith("size_mismatch");
        assertThat(rejected("reject@4")).startsWith("corrupt");
        assertThat(servedVersion()).isEqualTo("reject@1");
        assertThat(given().queryParam("n", 4).queryParam("seed", 7).get("/digits/grid.png").asByteArray())
                .isEqualTo(before);

        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics).containsPattern("sampler_reloads_total\\{result=\"sha_mismatch\"[^}]*} [1-9]")
                .containsPattern("sampler_reloads_total\\{result=\"size_mismatch\"[^}]*} [1-9]")
                .containsPattern("sampler_reloads_total\\{result=\"corrupt\"[^}]*} [1-9]");

        stack.publishGood("reject", 5);
        awaitServed("reject@5");
    }

    @Test
    void aCheckpointAnnouncedWithItsGeneratorPartIsServedFromThatPartAloneAndThePartIsChecked() {
        stack.publishGood("part", 1);
        awaitServed("part@1");

        // past the part the object is noise and the whole-object hash is wrong: only a range read of the part serves
        CheckpointBytes two = TinyGenerators.encoded("part", 2);
        int part = (int) two.generatorPartBytes();
        assertThat(part).isLessThan(two.zip().length);
        byte[] noisyTail = two.zip().clone();
        Arrays.fill(noisyTail, part, noisyTail.length, (byte) 0x5a);
        stack.put(ObjectLayout.checkpointKey("part", 2), noisyTail);
        stack.announce(stack.event("part", 2, noisyTail.length, "0".repeat(64), Instant.now())
                .withGeneratorPart(TrainerStandIn.part(two)));
        awaitServed("part@2");

        // one bit flipped inside the part: its own hash catches it
        CheckpointBytes three = TinyGenerators.encoded("part", 3);
        byte[] flipped = three.zip().clone();
        flipped[part / 2] ^= 1;
        stack.put(ObjectLayout.checkpointKey("part", 3), flipped);
        stack.announce(stack.event("part", 3, flipped.length, ModelLoader.sha256(three.zip()), Instant.now())
                .withGeneratorPart(TrainerStandIn.part(three)));

        // an object that ends inside its part
        CheckpointBytes four = TinyGenerators.encoded("part", 4);
        stack.put(ObjectLayout.checkpointKey("part", 4), Arrays.copyOf(four.zip(), part - 10));
        stack.announce(stack.event("part", 4, four.zip().length, ModelLoader.sha256(four.zip()), Instant.now())
                .withGeneratorPart(TrainerStandIn.part(four)));

        await().atMost(Duration.ofSeconds(60)).until(() -> rejected("part@3") != null && rejected("part@4") != null);
        assertThat(rejected("part@3")).startsWith("sha_mismatch");
        assertThat(rejected("part@4")).startsWith("size_mismatch").contains("has only " + (part - 10) + " bytes");
        assertThat(servedVersion()).isEqualTo("part@2");
    }

    @Test
    void aCheckpointCarryingASerialisedObjectOrAZipBombIsRefusedWhileTheOldModelKeepsServing() throws Exception {
        stack.publishGood("hostile", 1);
        awaitServed("hostile@1");
        HostileCheckpoints.Tripwire.READS.set(0);

        byte[] poisoned = HostileCheckpoints.withSerialisedObject("hostile", 2);
        stack.put(ObjectLayout.checkpointKey("hostile", 2), poisoned);
        stack.announce(stack.event("hostile", 2, poisoned.length, ModelLoader.sha256(poisoned), Instant.now()));
        // 256 MiB of zeros (4 times the generator entry's cap) in a file under 1 MiB, far inside the download limit
        byte[] bomb = HostileCheckpoints.zipBomb("hostile", 3, 256L << 20);
        assertThat(bomb.length).isLessThan(1 << 20);
        stack.put(ObjectLayout.checkpointKey("hostile", 3), bomb);
        stack.announce(stack.event("hostile", 3, bomb.length, ModelLoader.sha256(bomb), Instant.now()));

        await().atMost(Duration.ofSeconds(60)).until(() -> rejected("hostile@2") != null
                && rejected("hostile@3") != null);
        assertThat(rejected("hostile@2")).startsWith("refused")
                .contains("generator.zip has an entry this build never reads: 'preprocessor.bin'");
        assertThat(rejected("hostile@3")).startsWith("refused")
                .contains("entry 'generator.bin' inflates to more than its limit");
        assertThat(HostileCheckpoints.Tripwire.READS).hasValue(0);
        assertThat(servedVersion()).isEqualTo("hostile@1");
        assertThat(given().get("/q/metrics").asString())
                .containsPattern("sampler_reloads_total\\{result=\"refused\"[^}]*} [2-9]");

        stack.publishGood("hostile", 4);
        awaitServed("hostile@4");
    }

    @Test
    void aCheckpointWhoseObjectIsNotReadableYetIsRetriedWithBackoffNotRejected() {
        byte[] bytes = TinyGenerators.checkpoint("late", 1);
        double failedBefore = fetchFailures();
        // announced before its object exists: every fetch from the real S3 fails (NoSuchKey) until it is stored
        stack.announce(stack.event("late", 1, bytes.length, ModelLoader.sha256(bytes), Instant.now()));
        // %test: 300 ms doubling up to 2 s, so three failures take about 2 s
        await().atMost(Duration.ofSeconds(60)).until(() -> fetchFailures() >= failedBefore + 3);
        assertThat(rejected("late@1")).isNull();

        stack.put(ObjectLayout.checkpointKey("late", 1), bytes);
        awaitServed("late@1");
        assertThat(rejected("late@1")).isNull();
    }

    private static double fetchFailures() {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("sampler_reloads_total\\{result=\"fetch_failed\"[^}]*} ([0-9.E]+)")
                .matcher(given().get("/q/metrics").asString());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void anUnreadableEventIsSkippedAndTheStreamGoesOn() {
        stack.sendRaw("broken", "{not json".getBytes(StandardCharsets.UTF_8));
        CheckpointEvent after = stack.publishGood("after-broken", 1);
        awaitServed(after.modelVersion());
        assertThat(given().get("/q/metrics").asString())
                .containsPattern("sampler_checkpoint_events_total\\{result=\"invalid\"[^}]*} [1-9]");
    }
}
