package dev.digitgan.model.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.model.nets.GanModel;
import dev.digitgan.model.nets.GanNetworks;
import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.spec.Presets;
import dev.digitgan.model.train.EpochBatches;
import dev.digitgan.model.train.GanTrainer;
import dev.digitgan.model.train.SyntheticDigits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.preprocessor.BaseInputPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The training state (D, the stacked network, their Adam state and counters) is read as numbers only: entries
 * carrying a serialised object or JSON that names classes are refused, or, in the older ModelSerializer zips,
 * skipped unparsed; nothing in them is instantiated.
 */
class TrainingStateTest {

    private static final GanSpec SPEC = Presets.mlp().withLatentSize(8).withGeneratorHidden(List.of(16))
            .withDiscriminatorHidden(List.of(16)).withBatchSize(8);
    private static final int STEPS = 3;

    private static GanModel model;
    private static Checkpoint snapshot;

    /** A few steps, so that Adam state and iteration counts are not at their initial values. */
    @BeforeAll
    static void trainedModel() {
        model = GanNetworks.create(SPEC);
        GanTrainer trainer = new GanTrainer(model);
        Iterator<INDArray> batches = new EpochBatches(SyntheticDigits.of(40, 3), 8, SPEC.seed()).epoch(0, 0);
        for (int step = 0; step < STEPS; step++) {
            trainer.step(batches.next(), step);
        }
        snapshot = Checkpoint.snapshot(model, CheckpointManifest.of("run-t", 1, SPEC, 0, STEPS,
                Instant.parse("2026-12-02T00:00:00Z"), null));
    }

    @BeforeEach
    void resetTripwires() {
        UntrustedCheckpointTest.Tripwire.READS.set(0);
        CountingPreProcessor.CREATED.set(0);
    }

    @Test
    void everyNetworkAndItsAdamStateAndCountersRoundTripAsPlainArrays() throws IOException {
        byte[] bytes = CheckpointFormat.toBytes(snapshot);
        Map<String, byte[]> entries = LegacyCheckpoints.entries(bytes);
        assertThat(entries.keySet()).containsExactly(CheckpointFormat.MANIFEST, CheckpointFormat.GENERATOR,
                CheckpointFormat.TRAINING_COUNTERS, CheckpointFormat.DISCRIMINATOR, CheckpointFormat.DISCRIMINATOR_ADAM,
                CheckpointFormat.STACKED, CheckpointFormat.STACKED_ADAM);
        // nothing but the floats: 4 bytes per value of the network's own arrays
        assertThat(entries.get(CheckpointFormat.DISCRIMINATOR)).hasSize(4 * (int) model.discriminator().numParams());
        assertThat(entries.get(CheckpointFormat.STACKED_ADAM))
                .hasSize(4 * (int) model.stacked().getUpdater().getStateViewArray().length());
        assertThat(new String(entries.get(CheckpointFormat.TRAINING_COUNTERS), StandardCharsets.UTF_8))
                .doesNotContain("class").contains("\"iterations\" : " + STEPS);

        Checkpoint read = CheckpointFormat.read(new ByteArrayInputStream(bytes));
        for (MultiLayerNetwork[] pair : List.of(new MultiLayerNetwork[] {read.discriminator(), model.discriminator()},
                new MultiLayerNetwork[] {read.stacked(), model.stacked()})) {
            assertThat(pair[0].params()).isEqualTo(pair[1].params());
            assertThat(pair[0].getUpdater().getStateViewArray()).isEqualTo(pair[1].getUpdater().getStateViewArray());
            assertThat(pair[0].getIterationCount()).isEqualTo(STEPS).isEqualTo(pair[1].getIterationCount());
            assertThat(pair[0].getEpochCount()).isEqualTo(pair[1].getEpochCount());
        }
        read.toModel(); // consistent: G and D are the stacked network's parts
    }

    @Test
    void aDiscriminatorEntryCarryingASerialisedObjectIsRefusedUnread() throws IOException {
        byte[] checkpoint = replaced(CheckpointFormat.DISCRIMINATOR,
                serialised(new UntrustedCheckpointTest.Tripwire()));
        assertThatThrownBy(() -> CheckpointFormat.read(new ByteArrayInputStream(checkpoint)))
                .isInstanceOf(ParameterCountException.class)
                .hasMessageContaining("discriminator.bin holds")
                .hasMessageContaining("the spec's discriminator has " + model.discriminator().numParams()
                        + " float32 values");
        assertThat(UntrustedCheckpointTest.Tripwire.READS).hasValue(0);
    }

    @Test
    void aDiscriminatorEntryCarryingAModelSerializerZipIsRefusedWithoutParsingItsJson() throws IOException {
        byte[] zip = LegacyCheckpoints.serialise(discriminatorNaming(CountingPreProcessor.class), true);
        CountingPreProcessor.CREATED.set(0);
        for (String entry : List.of(CheckpointFormat.DISCRIMINATOR, CheckpointFormat.DISCRIMINATOR_ADAM)) {
            byte[] checkpoint = replaced(entry, zip);
            assertThatThrownBy(() -> CheckpointFormat.read(new ByteArrayInputStream(checkpoint)))
                    .isInstanceOf(ParameterCountException.class).hasMessageContaining(entry + " holds");
        }
        assertThat(CountingPreProcessor.CREATED).hasValue(0);
    }

    @Test
    void countersThatNameClassesAreRefusedAndNothingIsInstantiated() throws IOException {
        String dl4jJson = discriminatorNaming(CountingPreProcessor.class).getLayerWiseConfigurations().toJson();
        assertThat(dl4jJson).contains(CountingPreProcessor.class.getName());
        String typed = """
                {"discriminator": {"@class": "%s", "iterations": 1, "epochs": 0},
                 "stacked": {"iterations": 1, "epochs": 0}}""".formatted(CountingPreProcessor.class.getName());
        CountingPreProcessor.CREATED.set(0);
        for (String json : List.of(dl4jJson, typed)) {
            byte[] checkpoint = replaced(CheckpointFormat.TRAINING_COUNTERS, json.getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> CheckpointFormat.read(new ByteArrayInputStream(checkpoint)))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("training.json is not a valid counters file");
        }
        byte[] negative = replaced(CheckpointFormat.TRAINING_COUNTERS, """
                {"discriminator": {"iterations": -1, "epochs": 0}, "stacked": {"iterations": 1, "epochs": 0}}"""
                .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> CheckpointFormat.read(new ByteArrayInputStream(negative)))
                .hasMessageContaining("negative counters");
        assertThat(CountingPreProcessor.CREATED).hasValue(0);
    }

    @Test
    void anOlderZipsClassNamingConfigurationIsSkippedUnparsedWhileItsArraysAreRead() throws Exception {
        byte[] zip = LegacyCheckpoints.serialise(discriminatorNaming(CountingPreProcessor.class), true);
        // the attack is real: DL4J's own reader instantiates the class its JSON names
        CountingPreProcessor.CREATED.set(0);
        ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip), true);
        assertThat(CountingPreProcessor.CREATED.get()).isPositive();
        CountingPreProcessor.CREATED.set(0);

        Map<String, byte[]> entries = new LinkedHashMap<>(LegacyCheckpoints.entries(
                LegacyCheckpoints.formatTwoWithZips(snapshot)));
        entries.remove(CheckpointFormat.MANIFEST);
        entries.put(CheckpointFormat.LEGACY_DISCRIMINATOR, zip);
        Checkpoint read = CheckpointFormat.read(new ByteArrayInputStream(
                LegacyCheckpoints.withManifest(snapshot.manifest(), CheckpointFormat.FORMAT_VERSION, entries)));
        assertThat(CountingPreProcessor.CREATED).hasValue(0);
        assertThat(read.discriminator().params()).isEqualTo(model.discriminator().params());
        assertThat(read.discriminator().getLayerWiseConfigurations().getInputPreProcessors())
                .as("D is rebuilt from the spec, not from the zip's configuration")
                .isEqualTo(GanNetworks.discriminatorConfiguration(SPEC).getInputPreProcessors());
    }

    @Test
    void anOlderZipsCountersAreTheManifestsStepAsModelSerializerReadsThem() throws Exception {
        byte[] old = LegacyCheckpoints.formatTwoWithZips(snapshot);
        Checkpoint read = CheckpointFormat.read(new ByteArrayInputStream(old));
        for (String name : List.of(CheckpointFormat.LEGACY_DISCRIMINATOR, CheckpointFormat.LEGACY_STACKED)) {
            MultiLayerNetwork expected = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(
                    LegacyCheckpoints.entries(old).get(name)), true);
            MultiLayerNetwork actual = name.equals(CheckpointFormat.LEGACY_DISCRIMINATOR) ? read.discriminator()
                    : read.stacked();
            assertThat(actual.getIterationCount()).as(name).isEqualTo(expected.getIterationCount()).isEqualTo(STEPS);
            assertThat(actual.getEpochCount()).as(name).isEqualTo(expected.getEpochCount());
            assertThat(actual.params()).as(name).isEqualTo(expected.params());
            assertThat(actual.getUpdater().getStateViewArray()).as(name)
                    .isEqualTo(expected.getUpdater().getStateViewArray());
        }
        // format 1 is read the same way
        Checkpoint one = CheckpointFormat.read(new ByteArrayInputStream(LegacyCheckpoints.formatOne(snapshot)));
        assertThat(one.stacked().getUpdater().getStateViewArray())
                .isEqualTo(model.stacked().getUpdater().getStateViewArray());
    }

    @Test
    void anEntryOutsideItsKindOfCheckpointIsRefused() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(
                LegacyCheckpoints.entries(CheckpointFormat.toBytes(snapshot)));
        entries.remove(CheckpointFormat.MANIFEST);
        entries.put(CheckpointFormat.LEGACY_STACKED, LegacyCheckpoints.serialise(model.stacked(), true));
        byte[] mixed = LegacyCheckpoints.withManifest(snapshot.manifest(), CheckpointFormat.FORMAT_VERSION, entries);
        assertThatThrownBy(() -> CheckpointFormat.read(new ByteArrayInputStream(mixed)))
                .isInstanceOf(CheckpointRefusedException.class)
                .hasMessageContaining("an entry its kind of checkpoint does not have: 'stacked.zip'");

        Map<String, byte[]> extra = new LinkedHashMap<>(LegacyCheckpoints.entries(CheckpointFormat.toBytes(snapshot)));
        extra.remove(CheckpointFormat.MANIFEST);
        byte[] withExtra = LegacyCheckpoints.withManifest(snapshot.manifest(), CheckpointFormat.FORMAT_VERSION,
                extra);
        Map<String, byte[]> all = new LinkedHashMap<>(LegacyCheckpoints.entries(withExtra));
        all.put(CheckpointFormat.LEGACY_DISCRIMINATOR, LegacyCheckpoints.serialise(model.discriminator(), true));
        assertThatThrownBy(() -> CheckpointFormat.read(new ByteArrayInputStream(LegacyCheckpoints.zip(all))))
                .isInstanceOf(CheckpointRefusedException.class)
                .hasMessageContaining("an entry its kind of checkpoint does not have: 'discriminator.zip'");
    }

    /** {@link #snapshot} as this build writes it, one entry's bytes replaced and the manifest's hashes matching. */
    private static byte[] replaced(String entry, byte[] bytes) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(
                LegacyCheckpoints.entries(CheckpointFormat.toBytes(snapshot)));
        entries.remove(CheckpointFormat.MANIFEST);
        entries.put(entry, bytes);
        return LegacyCheckpoints.withManifest(snapshot.manifest(), CheckpointFormat.FORMAT_VERSION, entries);
    }

    /** D with the trained weights, its configuration naming {@code type} as a preprocessor (as JSON would). */
    private static MultiLayerNetwork discriminatorNaming(Class<CountingPreProcessor> type) {
        MultiLayerConfiguration conf = GanNetworks.discriminatorConfiguration(SPEC);
        try {
            conf.getInputPreProcessors().put(0, type.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init(model.discriminator().params().dup(), false);
        return network;
    }

    private static byte[] serialised(Object payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
            objects.writeObject(payload);
        }
        return out.toByteArray();
    }

    /** Stands in for a class an attacker names in DL4J's JSON: creating one runs its constructor (here: counts). */
    public static final class CountingPreProcessor extends BaseInputPreProcessor {
        private static final long serialVersionUID = 1L;
        static final AtomicInteger CREATED = new AtomicInteger();

        public CountingPreProcessor() {
            CREATED.incrementAndGet();
        }

        @Override
        public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
            return input;
        }

        @Override
        public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
            return output;
        }

        @Override
        public InputType getOutputType(InputType inputType) {
            return inputType;
        }
    }
}
