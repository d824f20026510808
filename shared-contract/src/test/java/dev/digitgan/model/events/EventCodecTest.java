package dev.digitgan.model.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.digitgan.model.quality.QualityScores;
import dev.digitgan.model.spec.Presets;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecTest {

    private static final Instant T = Instant.parse("2026-11-27T12:00:00Z");
    private final EventCodec codec = new EventCodec();

    static List<Event> samples() {
        return List.of(
                new TrainingRequest(1, "run-1", "mlp", 5, 256, 1e-3, null, 500, 42L, "admin", T),
                new RunCommand(1, "run-1", RunCommand.Action.STOP, "admin", T),
                new RunStatus(2, "run-1", RunStatus.State.RUNNING, "mlp", 2, 5, 300, 1175, 1, "host-a", null, T, null),
                new LossEvent(1, "run-1", 17, 1, 1.2, 0.8, 0.6, 0.4, 2500.5, T),
                checkpointV1().withQuality(SCORES),
                checkpointV1().withQuality(null),
                checkpointV1().withQuality(SCORES).withGeneratorPart(new GeneratorPart(200, "b".repeat(64))),
                finishedWithScore(),
                new PolicyChange(1, PolicyChange.Mode.LATEST, null, "admin", T),
                new PolicyChange(1, PolicyChange.Mode.PINNED, "run-1@3", null, T));
    }

    private static final QualityScores SCORES =
            new QualityScores(12.5, 7.25, 3.2, null, 2000, "mnist-cnn-0123456789ab");

    static CheckpointEvent checkpointV1() {
        return new CheckpointEvent(1, "run-1", 3, "digitgan", ObjectLayout.checkpointKey("run-1", 3), 1234,
                "a".repeat(64), Presets.byName("mlp"), 2, 470, 1.1, 0.9, ObjectLayout.gridKey("run-1", 3), T);
    }

    static RunStatus runStatusV1() {
        return new RunStatus(1, "run-1", RunStatus.State.RUNNING, "mlp", 2, 5, 300, 1175, 1, "host-a", null, T, null);
    }

    static RunStatus finishedWithScore() {
        return new RunStatus(2, "run-1", RunStatus.State.FINISHED, "mlp", 5, 5, 1175, 1175, 5, "host-a", "finished",
                T, new QualityScores(20.5, 7.5, 3.3, null, 10_000, "mnist-cnn-0123456789ab"));
    }

    @Test
    void aSchemaV1RunStatusIsStillReadAsOneWithoutAFinalScore() throws Exception {
        String v1 = codec.encodeToString(runStatusV1()).replace(",\"finalQuality\":null", "");
        assertThat(v1).contains("\"schemaVersion\":1").doesNotContain("finalQuality");
        assertThat(schemaFor(RunStatus.class, 1).validate(codec.mapper().readTree(v1))).isEmpty();

        RunStatus read = codec.decode(v1.getBytes(StandardCharsets.UTF_8), RunStatus.class);

        assertThat(read).isEqualTo(runStatusV1());
        assertThat(read.finalQuality()).isNull();
    }

    @Test
    void aFinishedRunsFinalScoreTravelsInTheRunStatusAtSchemaVersion2() {
        RunStatus read = codec.decode(codec.encode(finishedWithScore()), RunStatus.class);

        assertThat(read.schemaVersion()).isEqualTo(SchemaVersions.RUN_STATUS).isEqualTo(2);
        assertThat(read.finalQuality()).isEqualTo(finishedWithScore().finalQuality());
    }

    @Test
    void onlyAFinishedRunAtSchemaVersion2HasAFinalScore() {
        QualityScores scores = finishedWithScore().finalQuality();
        assertThatThrownBy(() -> new RunStatus(2, "run-1", RunStatus.State.RUNNING, "mlp", 2, 5, 300, 1175, 1, "h",
                null, T, scores)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FINISHED");
        assertThatThrownBy(() -> new RunStatus(1, "run-1", RunStatus.State.FINISHED, "mlp", 5, 5, 1175, 1175, 5, "h",
                null, T, scores)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schemaVersion 2");
    }

    @Test
    void aSchemaV1CheckpointEventIsStillReadAsOneWithoutScores() throws Exception {
        String v1 = codec.encodeToString(checkpointV1()).replace(",\"quality\":null", "");
        assertThat(v1).contains("\"schemaVersion\":1").doesNotContain("quality");
        assertThat(schemaFor(CheckpointEvent.class, 1).validate(codec.mapper().readTree(v1))).isEmpty();

        CheckpointEvent read = codec.decode(v1.getBytes(StandardCharsets.UTF_8), CheckpointEvent.class);

        assertThat(read).isEqualTo(checkpointV1());
        assertThat(read.scored()).isFalse();
    }

    @Test
    void aSpecWrittenBeforeConditionalModelsIsReadWithThoseFieldsOff() {
        // the mlp preset as it was then: no weight average
        CheckpointEvent before = new CheckpointEvent(1, "run-1", 3, "digitgan", ObjectLayout.checkpointKey("run-1", 3),
                1234, "a".repeat(64), Presets.mlp().withEmaDecay(0), 2, 470, 1.1, 0.9,
                ObjectLayout.gridKey("run-1", 3), T);
        String old = codec.encodeToString(before).replace(",\"classes\":0", "")
                .replace(",\"labelSmoothing\":0.0", "").replace(",\"emaDecay\":0.0", "")
                .replace(",\"loss\":\"CROSS_ENTROPY\"", "");
        assertThat(old).doesNotContain("classes").doesNotContain("emaDecay").doesNotContain("labelSmoothing")
                .doesNotContain("loss");

        CheckpointEvent read = codec.decode(old.getBytes(StandardCharsets.UTF_8), CheckpointEvent.class);

        assertThat(read).isEqualTo(before);
        assertThat(read.spec().conditional()).isFalse();
    }

    @Test
    void aMissingSpecNumberOtherThanTheAddedOnesIsStillAnError() {
        String json = codec.encodeToString(checkpointV1()).replace(",\"batchSize\":256", "");
        assertThatThrownBy(() -> codec.decode(json.getBytes(StandardCharsets.UTF_8), CheckpointEvent.class))
                .isInstanceOf(EventFormatException.class).hasMessageContaining("batchSize");
    }

    @Test
    void scoresTravelWithTheCheckpointEventAtSchemaVersion2() {
        CheckpointEvent read = codec.decode(codec.encode(checkpointV1().withQuality(SCORES)), CheckpointEvent.class);

        assertThat(read.schemaVersion()).isEqualTo(SchemaVersions.CHECKPOINT_EVENT).isEqualTo(2);
        assertThat(read.quality()).isEqualTo(SCORES);
    }

    @Test
    void aSchemaV1EventCannotCarryScores() {
        assertThatThrownBy(() -> new CheckpointEvent(1, "run-1", 3, "digitgan", "k", 1, "a".repeat(64),
                Presets.byName("mlp"), 2, 470, 1.1, 0.9, null, T, SCORES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quality");
    }

    @Test
    void aCheckpointEventWithoutTheGeneratorPartIsReadAsTheWholeObject() {
        CheckpointEvent announced = checkpointV1().withQuality(SCORES);
        String json = codec.encodeToString(announced).replace(",\"generatorPart\":null", "");
        assertThat(json).doesNotContain("generatorPart");

        CheckpointEvent read = codec.decode(json.getBytes(StandardCharsets.UTF_8), CheckpointEvent.class);

        assertThat(read.generatorPart()).isNull();
        assertThat(read.samplerRead()).isEqualTo(new GeneratorPart(1234, "a".repeat(64)));
        GeneratorPart part = new GeneratorPart(200, "b".repeat(64));
        assertThat(read.withGeneratorPart(part).samplerRead()).isEqualTo(part);
    }

    @Test
    void aGeneratorPartLongerThanTheObjectIsRejected() {
        assertThatThrownBy(() -> checkpointV1().withGeneratorPart(new GeneratorPart(1235, "b".repeat(64))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 'sizeBytes' (1234)");
        assertThatThrownBy(() -> new GeneratorPart(10, "B".repeat(64))).hasMessageContaining("lower-case hex");
    }

    @Test
    void aSchemaV2CheckpointEventWithoutTheQualityFieldIsRejected() {
        String json = codec.encodeToString(checkpointV1().withQuality(null)).replace(",\"quality\":null", "");
        assertThatThrownBy(() -> codec.decode(json.getBytes(StandardCharsets.UTF_8), CheckpointEvent.class))
                .isInstanceOf(EventFormatException.class).hasMessageContaining("quality");
    }

    @Test
    void aCheckpointEventFromANewerSchemaIsRejectedNamingTheVersionsThisBuildReads() {
        String json = codec.encodeToString(checkpointV1().withQuality(SCORES)).replace("\"schemaVersion\":2",
                "\"schemaVersion\":3");
        assertThatThrownBy(() -> codec.decode(json.getBytes(StandardCharsets.UTF_8), CheckpointEvent.class))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("unknown schemaVersion 3 (this build reads versions 1 to 2)");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void roundTripsEveryEvent(Event event) {
        byte[] json = codec.encode(event);
        assertThat(codec.decode(json, event.getClass())).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void encodedEventsSatisfyTheCheckedInSchema(Event event) throws Exception {
        JsonSchema schema = schemaFor(event.getClass());
        JsonNode json = codec.mapper().readTree(codec.encode(event));
        Set<ValidationMessage> errors = schema.validate(json);
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void schemaNamesExactlyTheRecordsFields(Event event) throws Exception {
        JsonNode schema = codec.mapper().readTree(schemaStream(event.getClass()));
        Set<String> schemaFields = new HashSet<>();
        schema.get("properties").fieldNames().forEachRemaining(schemaFields::add);
        Set<String> recordFields = Arrays.stream(event.getClass().getRecordComponents())
                .map(RecordComponent::getName).collect(Collectors.toSet());
        assertThat(schemaFields).isEqualTo(recordFields);
    }

    @Test
    void schemaRejectsAnEventWithoutARequiredField() throws Exception {
        LossEvent event = (LossEvent) samples().get(3);
        ObjectNode json = (ObjectNode) codec.mapper().readTree(codec.encode(event));
        json.remove("generatorLoss");
        assertThat(schemaFor(LossEvent.class).validate(json)).isNotEmpty();
    }

    @Test
    void aPolicyChangeHasTheFleetKeyAndAVersionExactlyWhenItsModeNamesOne() throws Exception {
        PolicyChange latest = new PolicyChange(1, PolicyChange.Mode.LATEST, null, "admin", T);
        assertThat(latest.runId()).isEqualTo(PolicyChange.KEY).isEqualTo("fleet");
        assertThat(codec.mapper().readTree(codec.encode(latest)).has("runId")).isFalse();
        assertThatThrownBy(() -> new PolicyChange(1, PolicyChange.Mode.PINNED, null, "admin", T))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a version");
        assertThatThrownBy(() -> new PolicyChange(1, PolicyChange.Mode.BEST, "run-1@3", "admin", T))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes no version");
        String unknownMode = codec.encodeToString(latest).replace("LATEST", "NEWEST");
        assertThatThrownBy(() -> codec.decode(unknownMode.getBytes(StandardCharsets.UTF_8), PolicyChange.class))
                .isInstanceOf(EventFormatException.class).hasMessageContaining("NEWEST");
    }

    @Test
    void malformedJsonIsReportedAsSuch() {
        assertThatThrownBy(() -> codec.decode("{not json".getBytes(StandardCharsets.UTF_8), LossEvent.class))
                .isInstanceOf(EventFormatException.class).hasMessageStartingWith("malformed JSON");
    }

    @Test
    void emptyMessageIsRejected() {
        assertThatThrownBy(() -> codec.decode(new byte[0], LossEvent.class))
                .isInstanceOf(EventFormatException.class).hasMessageContaining("empty");
    }

    @Test
    void unknownSchemaVersionIsRejected() {
        String json = codec.encodeToString(samples().get(3)).replace("\"schemaVersion\":1", "\"schemaVersion\":2");
        assertThatThrownBy(() -> codec.decode(json.getBytes(StandardCharsets.UTF_8), LossEvent.class))
                .isInstanceOf(EventFormatException.class).hasMessageContaining("unknown schemaVersion 2");
    }

    @Test
    void missingSchemaVersionIsRejected() {
        String json = codec.encodeToString(samples().get(3)).replace("\"schemaVersion\":1,", "");
        assertThatThrownBy(() -> codec.decode(json.getBytes(StandardCharsets.UTF_8), LossEvent.class))
                .isInstanceOf(EventFormatException.class).hasMessageContaining("schemaVersion");
    }

    @Test
    void missingFieldIsNamed() throws Exception {
        ObjectNode json = (ObjectNode) codec.mapper().readTree(codec.encode(samples().get(3)));
        json.remove("generatorLoss");
        assertThatThrownBy(() -> codec.decode(codec.mapper().writeValueAsBytes(json), LossEvent.class))
                .isInstanceOf(EventFormatException.class).hasMessageContaining("generatorLoss");
    }

    @Test
    void missingObjectFieldIsNamed() throws Exception {
        ObjectNode json = (ObjectNode) codec.mapper().readTree(codec.encode(samples().get(3)));
        json.remove("runId");
        assertThatThrownBy(() -> codec.decode(codec.mapper().writeValueAsBytes(json), LossEvent.class))
                .isInstanceOf(EventFormatException.class).hasMessageContaining("runId");
    }

    @Test
    void outOfRangeValueIsRejectedWithTheReason() throws Exception {
        ObjectNode json = (ObjectNode) codec.mapper().readTree(codec.encode(samples().get(3)));
        json.put("step", 0);
        assertThatThrownBy(() -> codec.decode(codec.mapper().writeValueAsBytes(json), LossEvent.class))
                .isInstanceOf(EventFormatException.class).hasMessageContaining("'step' must be >= 1");
    }

    @Test
    void unknownFieldsOfTheSameVersionAreIgnored() throws Exception {
        ObjectNode json = (ObjectNode) codec.mapper().readTree(codec.encode(samples().get(3)));
        json.put("addedLater", "x");
        assertThat(codec.decode(codec.mapper().writeValueAsBytes(json), LossEvent.class))
                .isEqualTo(samples().get(3));
    }

    @Test
    void runIdsAreRestrictedToKeySafeCharacters() {
        assertThat(RunIds.isValid("mlp-2026-11-27")).isTrue();
        assertThat(RunIds.isValid("Run 1")).isFalse();
        assertThat(RunIds.isValid("../etc")).isFalse();
        assertThat(RunIds.isValid("")).isFalse();
        assertThat(RunIds.isValid("a".repeat(64))).isFalse();
    }

    private static JsonSchema schemaFor(Class<? extends Event> type) {
        return schemaFor(type, SchemaVersions.current(type));
    }

    private static JsonSchema schemaFor(Class<? extends Event> type, int version) {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaStream(type, version));
    }

    private static InputStream schemaStream(Class<? extends Event> type) {
        return schemaStream(type, SchemaVersions.current(type));
    }

    private static InputStream schemaStream(Class<? extends Event> type, int version) {
        String name = type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase() + ".v" + version
                + ".json";
        InputStream in = EventCodecTest.class.getResourceAsStream("/schemas/" + name);
        assertThat(in).as("schema " + name).isNotNull();
        return in;
    }
}
