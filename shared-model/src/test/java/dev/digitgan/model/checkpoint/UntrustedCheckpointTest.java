package dev.digitgan.model.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.model.nets.GanModel;
import dev.digitgan.model.nets.GanNetworks;
import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.spec.Presets;
import dev.digitgan.model.train.Generator;
import dev.digitgan.model.train.LatentSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checkpoint bytes as an attacker would write them: they are refused before anything in them runs or inflates. */
class UntrustedCheckpointTest {

    private static final GanSpec SPEC = Presets.mlp().withLatentSize(8).withGeneratorHidden(List.of(16))
            .withDiscriminatorHidden(List.of(16)).withBatchSize(8);
    private static final CheckpointManifest MANIFEST = CheckpointManifest.of("run-x", 1, SPEC, 0, 0,
            Instant.parse("2026-12-01T00:00:00Z"), null);

    private final GanModel model = GanNetworks.create(SPEC);

    @BeforeEach
    void resetTripwire() {
        Tripwire.READS.set(0);
    }

    @Test
    void aSerialisedObjectInTheGeneratorZipIsRefusedAndNeverDeserialised() throws Exception {
        Map<String, byte[]> generator = LegacyCheckpoints.entries(
                LegacyCheckpoints.serialise(model.generator(), false));
        generator.put("preprocessor.bin", serialised(new Tripwire()));
        byte[] poisoned = LegacyCheckpoints.zip(generator);
        // the attack is real: DL4J's own reader deserialises the entry (and so runs the payload's readObject)
        try {
            ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(poisoned), false);
        } catch (RuntimeException | IOException expected) {
            // a Tripwire is no DataSetPreProcessor: the cast fails after readObject ran
        }
        assertThat(Tripwire.READS).hasValue(1);
        Tripwire.READS.set(0);

        byte[] checkpoint = LegacyCheckpoints.withManifest(MANIFEST, 1, entriesWith(Map.of(
                CheckpointFormat.LEGACY_GENERATOR, poisoned)));
        assertThatThrownBy(() -> CheckpointFormat.readGeneratorOnly(new ByteArrayInputStream(checkpoint)))
                .isInstanceOf(CheckpointRefusedException.class)
                .hasMessageContaining("generator.zip has an entry this build never reads: 'preprocessor.bin'");
        assertThatThrownBy(() -> CheckpointFormat.read(new ByteArrayInputStream(checkpoint)))
                .isInstanceOf(CheckpointRefusedException.class);
        assertThat(Tripwire.READS).hasValue(0);
    }

    @Test
    void aSerialisedObjectInTheTrainingStateIsRefusedOnResumeToo() throws Exception {
        Map<String, byte[]> d = LegacyCheckpoints.entries(LegacyCheckpoints.serialise(model.discriminator(), true));
        d.put("preprocessor.bin", serialised(new Tripwire()));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(CheckpointFormat.GENERATOR, ParameterArrays.toLittleEndian(model.generator().params()));
        entries.put(CheckpointFormat.LEGACY_DISCRIMINATOR, LegacyCheckpoints.zip(d));
        entries.put(CheckpointFormat.LEGACY_STACKED, LegacyCheckpoints.serialise(model.stacked(), true));
        byte[] checkpoint = LegacyCheckpoints.withManifest(MANIFEST, CheckpointFormat.FORMAT_VERSION, entries);

        assertThatThrownBy(() -> CheckpointFormat.read(new ByteArrayInputStream(checkpoint)))
                .isInstanceOf(CheckpointRefusedException.class)
                .hasMessageContaining("discriminator.zip has an entry this build never reads: 'preprocessor.bin'");
        assertThat(Tripwire.READS).hasValue(0);
        // a sampler never looks past the generator, and the generator is plain floats
        assertThat(CheckpointFormat.readGeneratorOnly(new ByteArrayInputStream(checkpoint)).generator().numParams())
                .isEqualTo(model.generator().numParams());
    }

    @Test
    void anUnknownEntryInTheCheckpointIsRefused() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("payload.ser", serialised(new Tripwire()));
        entries.put(CheckpointFormat.GENERATOR, ParameterArrays.toLittleEndian(model.generator().params()));
        byte[] checkpoint = LegacyCheckpoints.withManifest(MANIFEST, CheckpointFormat.FORMAT_VERSION, entries);
        assertThatThrownBy(() -> CheckpointFormat.readGeneratorOnly(new ByteArrayInputStream(checkpoint)))
                .isInstanceOf(CheckpointRefusedException.class).hasMessageContaining("'payload.ser'");
    }

    @Test
    void aZipBombInsideTheDownloadLimitIsRefusedWithinTheEntryCap() throws Exception {
        long inflated = 1L << 30;
        byte[] bomb = bombCheckpoint(CheckpointFormat.GENERATOR, inflated);
        assertThat(bomb.length).as("the file is small: far inside the sampler's 64 MiB download limit")
                .isLessThan(2 << 20);

        long allocatedBefore = allocatedBytes();
        long started = System.nanoTime();
        assertThatThrownBy(() -> CheckpointFormat.readGeneratorOnly(new ByteArrayInputStream(bomb)))
                .isInstanceOf(CheckpointRefusedException.class)
                .hasMessageContaining("entry 'generator.bin' inflates to more than its limit of "
                        + CheckpointLimits.DEFAULT.maxGeneratorBytes() + " bytes");
        long allocated = allocatedBytes() - allocatedBefore;
        System.out.printf("zip bomb: %d bytes of file claiming %d inflated, refused after %d ms having allocated "
                + "%d bytes%n", bomb.length, inflated, (System.nanoTime() - started) / 1_000_000, allocated);
        // reading stops at the cap: memory is about the cap, not the bomb's size
        assertThat(allocated).isLessThan(2 * CheckpointLimits.DEFAULT.maxGeneratorBytes()).isLessThan(inflated / 4);
    }

    @Test
    void aManifestBombAndAnOversizedLegacyParameterEntryAreRefused() throws Exception {
        byte[] manifestBomb = zipOfZeros(CheckpointFormat.MANIFEST, 64L << 20);
        assertThatThrownBy(() -> CheckpointFormat.readManifest(new ByteArrayInputStream(manifestBomb)))
                .isInstanceOf(CheckpointRefusedException.class)
                .hasMessageContaining("'manifest.json' inflates to more than its limit of 1048576 bytes");

        Map<String, byte[]> inner = LegacyCheckpoints.entries(LegacyCheckpoints.serialise(model.generator(), false));
        inner.remove("coefficients.bin");
        byte[] innerZip = appendZeros(inner, "coefficients.bin", 64L << 20);
        byte[] checkpoint = LegacyCheckpoints.withManifest(MANIFEST, 1, entriesWith(Map.of(
                CheckpointFormat.LEGACY_GENERATOR, innerZip)));
        assertThatThrownBy(() -> CheckpointFormat.readGeneratorOnly(new ByteArrayInputStream(checkpoint)))
                .isInstanceOf(CheckpointRefusedException.class)
                .hasMessageContaining("generator.zip entry 'coefficients.bin' inflates to more than its limit");
    }

    @Test
    void moreEntriesThanTheLimitAreRefused() throws Exception {
        CheckpointLimits four = new CheckpointLimits(4, 1 << 20, 1L << 24, 1L << 20);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (String name : List.of(CheckpointFormat.GENERATOR, CheckpointFormat.LEGACY_GENERATOR,
                CheckpointFormat.LEGACY_DISCRIMINATOR, CheckpointFormat.LEGACY_STACKED)) {
            entries.put(name, new byte[4]);
        }
        byte[] five = LegacyCheckpoints.withManifest(MANIFEST, CheckpointFormat.FORMAT_VERSION, entries);
        assertThatThrownBy(() -> CheckpointFormat.read(new ByteArrayInputStream(five), four))
                .isInstanceOf(CheckpointRefusedException.class).hasMessageContaining("more than 4 entries");
    }

    @Test
    void aParameterArrayOfTheWrongLengthIsRejected() throws Exception {
        byte[] params = ParameterArrays.toLittleEndian(model.generator().params());
        for (byte[] wrong : List.of(Arrays.copyOf(params, params.length - 4), Arrays.copyOf(params, params.length + 4),
                Arrays.copyOf(params, params.length - 1))) {
            byte[] checkpoint = LegacyCheckpoints.withManifest(MANIFEST, CheckpointFormat.FORMAT_VERSION,
                    Map.of(CheckpointFormat.GENERATOR, wrong));
            assertThatThrownBy(() -> CheckpointFormat.readGeneratorOnly(new ByteArrayInputStream(checkpoint)))
                    .isInstanceOf(ParameterCountException.class)
                    .hasMessageContaining("generator.bin holds " + wrong.length + " bytes; the spec's generator has "
                            + model.generator().numParams() + " float32 values");
        }
        // format 1: a ModelSerializer generator of another architecture than the manifest's spec
        MultiLayerNetwork other = GanNetworks.generator(SPEC.withGeneratorHidden(List.of(17)));
        byte[] legacy = LegacyCheckpoints.withManifest(MANIFEST, 1, Map.of(CheckpointFormat.LEGACY_GENERATOR,
                LegacyCheckpoints.serialise(other, false)));
        assertThatThrownBy(() -> CheckpointFormat.readGeneratorOnly(new ByteArrayInputStream(legacy)))
                .isInstanceOf(ParameterCountException.class)
                .hasMessageContaining("holds " + other.numParams() + " values");
    }

    @Test
    void aSpecAskingForAHugeGeneratorIsRefusedBeforeAnythingIsAllocated() throws Exception {
        GanSpec huge = SPEC.withGeneratorHidden(List.of(50_000, 50_000));
        CheckpointManifest manifest = CheckpointManifest.of("run-x", 1, huge, 0, 0, Instant.EPOCH, null);
        byte[] checkpoint = LegacyCheckpoints.withManifest(manifest, CheckpointFormat.FORMAT_VERSION,
                Map.of(CheckpointFormat.GENERATOR, new byte[16]));
        assertThatThrownBy(() -> CheckpointFormat.readGeneratorOnly(new ByteArrayInputStream(checkpoint)))
                .isInstanceOf(CheckpointRefusedException.class)
                .hasMessageContaining("asks for a generator of " + CheckpointFormat.generatorParameters(huge)
                        + " parameters, more than the limit of " + CheckpointLimits.DEFAULT.maxGeneratorParameters());
    }

    @Test
    void formatOneCheckpointsGiveTheSameGeneratorOutputAsModelSerializer() throws Exception {
        for (GanSpec spec : List.of(SPEC, Presets.mlp(), Presets.dcgan())) {
            GanModel trained = GanNetworks.create(spec);
            Checkpoint snapshot = Checkpoint.snapshot(trained, CheckpointManifest.of("run-old", 2, spec, 1, 10,
                    Instant.EPOCH, null));
            byte[] old = LegacyCheckpoints.formatOne(snapshot);
            MultiLayerNetwork viaSerializer = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(
                    LegacyCheckpoints.entries(old).get(CheckpointFormat.LEGACY_GENERATOR)), false);
            float[] z = new LatentSource(spec.latentSize(), 5).sample(0, 4);
            float[] expected = new Generator(viaSerializer).generate(z, 4);

            GeneratorCheckpoint fast = CheckpointFormat.readGeneratorOnly(new ByteArrayInputStream(old));
            assertThat(fast.manifest().formatVersion()).isEqualTo(CheckpointFormat.LEGACY_FORMAT_VERSION);
            assertThat(new Generator(fast.generator()).generate(z, 4)).as(spec.preset()).containsExactly(expected);
            Checkpoint full = CheckpointFormat.read(new ByteArrayInputStream(old));
            assertThat(new Generator(full.generator()).generate(z, 4)).as(spec.preset()).containsExactly(expected);
            assertThat(full.stacked().params()).isEqualTo(trained.stacked().params());
            full.toModel(); // consistent: G and D are the stacked network's parts
        }
    }

    /** A checkpoint whose {@code entry} inflates to {@code inflated} zero bytes. */
    private static byte[] bombCheckpoint(String entry, long inflated) throws IOException {
        Map<String, byte[]> head = new LinkedHashMap<>();
        head.put(CheckpointFormat.MANIFEST, CheckpointFormat.manifestJson(MANIFEST).getBytes(StandardCharsets.UTF_8));
        return appendZeros(head, entry, inflated);
    }

    private static byte[] zipOfZeros(String entry, long inflated) throws IOException {
        return appendZeros(new LinkedHashMap<>(), entry, inflated);
    }

    private static byte[] appendZeros(Map<String, byte[]> head, String entry, long inflated) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            for (Map.Entry<String, byte[]> e : head.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry(entry));
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < inflated; written += zeros.length) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    /** The other entries of a format-1 checkpoint of {@link #model}, with {@code replaced} swapped in. */
    private Map<String, byte[]> entriesWith(Map<String, byte[]> replaced) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(CheckpointFormat.LEGACY_GENERATOR, LegacyCheckpoints.serialise(model.generator(), false));
        entries.put(CheckpointFormat.LEGACY_DISCRIMINATOR, LegacyCheckpoints.serialise(model.discriminator(), true));
        entries.put(CheckpointFormat.LEGACY_STACKED, LegacyCheckpoints.serialise(model.stacked(), true));
        entries.putAll(replaced);
        return entries;
    }

    private static byte[] serialised(Object payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
            objects.writeObject(payload);
        }
        return out.toByteArray();
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** Stands in for a gadget: deserialising it runs code of the payload's choosing (here: counts). */
    static final class Tripwire implements Serializable {
        private static final long serialVersionUID = 1L;
        static final AtomicInteger READS = new AtomicInteger();

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            READS.incrementAndGet();
        }
    }
}
