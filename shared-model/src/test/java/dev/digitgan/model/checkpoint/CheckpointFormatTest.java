package dev.digitgan.model.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.model.mnist.MnistDataset;
import dev.digitgan.model.nets.Dl4jLayers;
import dev.digitgan.model.nets.GanModel;
import dev.digitgan.model.nets.GanNetworks;
import dev.digitgan.model.nets.NearestUpsampling2D;
import dev.digitgan.model.quality.QualityScores;
import dev.digitgan.model.spec.GanSpec;
import dev.digitgan.model.spec.Presets;
import dev.digitgan.model.train.EpochBatches;
import dev.digitgan.model.train.GanTrainer;
import dev.digitgan.model.train.Generator;
import dev.digitgan.model.train.LatentSource;
import dev.digitgan.model.train.StepResult;
import dev.digitgan.model.train.SyntheticDigits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class CheckpointFormatTest {

    private static final Instant CREATED = Instant.parse("2026-11-27T12:00:00Z");
    private static GanModel model;
    private static Checkpoint checkpoint;
    private static byte[] bytes;

    /** A model trained for a few steps, so weights and Adam state are not at their initial values. */
    @BeforeAll
    static void trainedModel() throws IOException {
        GanSpec spec = Presets.mlp().withBatchSize(32);
        MnistDataset data = SyntheticDigits.of(64, 9);
        model = GanNetworks.create(spec);
        GanTrainer trainer = new GanTrainer(model);
        Iterator<INDArray> batches = new EpochBatches(data, 32, spec.seed()).epoch(0, 0);
        StepResult last = null;
        for (int step = 0; step < 2; step++) {
            last = trainer.step(batches.next(), step);
        }
        checkpoint = Checkpoint.snapshot(model, CheckpointManifest.of("run-1", 3, spec, 1, 2, CREATED,
                new CheckpointManifest.Losses(last.dLoss(), last.gLoss(), last.dOfX(), last.dOfGz())));
        bytes = CheckpointFormat.toBytes(checkpoint);
    }

    @Test
    void restoredGeneratorGivesBitIdenticalImagesForAFixedZ() throws IOException {
        float[] z = new LatentSource(100, 77).sample(0, 16);
        // the checkpoint holds the generator that is served: the weight average when the spec keeps one
        float[] expected = new Generator(model.servedGenerator()).generate(z, 16);

        Checkpoint full = CheckpointFormat.read(new ByteArrayInputStream(bytes));
        assertThat(new Generator(full.generator()).generate(z, 16)).containsExactly(expected);
        GeneratorCheckpoint fast = CheckpointFormat.readGeneratorOnly(new ByteArrayInputStream(bytes));
        assertThat(new Generator(fast.generator()).generate(z, 16)).containsExactly(expected);
    }

    /**
     * Checkpoints hold flat parameters and every network is rebuilt from the spec, so a generator written by the build
     * before {@link NearestUpsampling2D} (DL4J's upsampling layer) draws the same digits, bit for bit, from this
     * build's network: nearest-neighbour upsampling copies the same floats.
     */
    @Test
    void aGeneratorWrittenBeforeTheJavaUpsamplingDrawsTheSameDigits() throws IOException {
        for (GanSpec spec : new GanSpec[] {Presets.dcgan(), Presets.cdcgan()}) {
            MultiLayerConfiguration previousBuild = Dl4jLayers.replacing(GanNetworks.generatorConfiguration(spec),
                    NearestUpsampling2D.class);
            MultiLayerNetwork before = new MultiLayerNetwork(previousBuild);
            before.init();
            Generator beforeG = Generator.of(before, spec);
            float[] z = new LatentSource(spec.latentSize(), 78).sample(0, 20);
            byte[] written = CheckpointFormat.writeGeneratorOnly(CheckpointManifest.of("run-1", 1, spec, 0, 0, CREATED,
                    null), before);

            MultiLayerNetwork restored = CheckpointFormat.readGeneratorOnly(new ByteArrayInputStream(written))
                    .generator();
            assertThat(restored.getLayerWiseConfigurations().toJson()).as(spec.preset())
                    .contains(NearestUpsampling2D.class.getName());
            assertThat(Generator.of(restored, spec).generate(z, 20)).as(spec.preset() + ": the same digits")
                    .containsExactly(beforeG.generate(z, 20));
        }
    }

    @Test
    void theGeneratorPartAloneIsEnoughForASamplerAndIsASmallShareOfTheCheckpoint() throws IOException {
        CheckpointBytes encoded = CheckpointFormat.encode(checkpoint);
        byte[] bytes = encoded.zip();
        int part = (int) encoded.generatorPartBytes();
        // the part ends where the third entry's local header (PK 3 4) begins
        assertThat(Arrays.copyOfRange(bytes, part, part + 4)).containsExactly(0x50, 0x4b, 0x03, 0x04);
        assertThat(encoded.generatorPartSha256()).isEqualTo(CheckpointFormat.sha256(Arrays.copyOf(bytes, part)));
        // mlp: G has 137,134 of the 3 networks' parameters and none of the Adam state
        assertThat((double) part / bytes.length).isLessThan(0.25);

        float[] z = new LatentSource(100, 77).sample(0, 16);
        float[] expected = new Generator(model.servedGenerator()).generate(z, 16);
        GeneratorCheckpoint fromPart = CheckpointFormat.readGeneratorOnly(
                new ByteArrayInputStream(Arrays.copyOf(bytes, part)));
        assertThat(new Generator(fromPart.generator()).generate(z, 16)).containsExactly(expected);
        assertThatThrownBy(() -> CheckpointFormat.readGeneratorOnly(
                new ByteArrayInputStream(Arrays.copyOf(bytes, part - 1))))
                .as("one byte short of the part: the generator's data descriptor is cut")
                .isInstanceOf(IOException.class);
    }

    @Test
    void manifestRoundTripsWithHashesOfEveryWeightsEntry() throws IOException {
        Checkpoint read = CheckpointFormat.read(new ByteArrayInputStream(bytes));
        CheckpointManifest manifest = read.manifest();
        assertThat(manifest.runId()).isEqualTo("run-1");
        assertThat(manifest.version()).isEqualTo(3);
        assertThat(manifest.epoch()).isEqualTo(1);
        assertThat(manifest.step()).isEqualTo(2);
        assertThat(manifest.createdAt()).isEqualTo(CREATED);
        assertThat(manifest.spec()).isEqualTo(checkpoint.manifest().spec());
        assertThat(manifest.losses()).isEqualTo(checkpoint.manifest().losses());
        assertThat(manifest.formatVersion()).isEqualTo(CheckpointFormat.FORMAT_VERSION);
        assertThat(manifest.sha256().keySet()).containsExactlyInAnyOrderElementsOf(CheckpointFormat.ENTRIES);
        assertThat(manifest.sha256().values()).allMatch(h -> h.matches("[0-9a-f]{64}"));
        assertThat(CheckpointFormat.readManifest(new ByteArrayInputStream(bytes))).isEqualTo(manifest);
        assertThat(new String(entry(bytes, CheckpointFormat.MANIFEST), StandardCharsets.UTF_8))
                .contains("\"createdAt\" : \"2026-11-27T12:00:00Z\"");
    }

    @Test
    void scoresInTheManifestRoundTripAndAManifestWithoutThemStillReads() throws IOException {
        QualityScores scores = new QualityScores(21.5, 6.5, 3.25, null, 1000, "mnist-cnn-0123456789ab");
        byte[] scored = CheckpointFormat.toBytes(Checkpoint.snapshot(model, checkpoint.manifest().withQuality(scores)));
        assertThat(CheckpointFormat.readManifest(new ByteArrayInputStream(scored)).quality()).isEqualTo(scores);

        // what this build wrote before scores existed: no "quality" field at all
        String old = new String(entry(bytes, CheckpointFormat.MANIFEST), StandardCharsets.UTF_8)
                .replaceAll(",\\s*\"quality\"\\s*:\\s*null", "");
        assertThat(old).doesNotContain("quality").contains("\"losses\"");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry(CheckpointFormat.MANIFEST));
            out.write(old.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        CheckpointManifest read = CheckpointFormat.readManifest(new ByteArrayInputStream(zip.toByteArray()));
        assertThat(read.quality()).isNull();
        assertThat(read.withQuality(null)).isEqualTo(checkpoint.manifest().withSha256(read.sha256()));
    }

    @Test
    void optimiserStateAndIterationCountsSurvive() throws IOException {
        Checkpoint read = CheckpointFormat.read(new ByteArrayInputStream(bytes));
        assertThat(read.stacked().params()).isEqualTo(model.stacked().params());
        assertThat(read.discriminator().params()).isEqualTo(model.discriminator().params());
        assertThat(read.stacked().getUpdater().getStateViewArray())
                .isEqualTo(model.stacked().getUpdater().getStateViewArray());
        assertThat(read.discriminator().getUpdater().getStateViewArray())
                .isEqualTo(model.discriminator().getUpdater().getStateViewArray());
        assertThat(read.discriminator().getIterationCount()).isEqualTo(2);
        assertThat(read.stacked().getIterationCount()).isEqualTo(2);
    }

    @Test
    void theGeneratorFastPathStopsReadingAfterTheGenerator() throws IOException {
        CountingStream in = new CountingStream(new ByteArrayInputStream(bytes));
        CheckpointFormat.readGeneratorOnly(in);
        assertThat(in.count).isLessThan(bytes.length / 2);
    }

    @Test
    void emptyOrForeignInputIsNotACheckpoint() {
        assertThatThrownBy(() -> CheckpointFormat.read(new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("empty input or not a zip");
        assertThatThrownBy(() -> CheckpointFormat.read(new ByteArrayInputStream("hello".getBytes())))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("not a zip");
        assertThatThrownBy(() -> CheckpointFormat.read(new ByteArrayInputStream(zip("other.txt", new byte[3]))))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("first entry is 'other.txt'");
    }

    @Test
    void truncatedInputFailsClearlyWhereverItIsCut() {
        for (int length : new int[] {30, bytes.length / 3, bytes.length / 2, bytes.length - 200, bytes.length - 1}) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> CheckpointFormat.read(new ByteArrayInputStream(cut)))
                    .as("cut at " + length)
                    .isInstanceOf(CheckpointException.class)
                    .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("truncated", "corrupt", "no entry",
                            "not a valid manifest", "not a zip"));
        }
    }

    @Test
    void aFlippedByteIsDetected() {
        byte[] corrupt = bytes.clone();
        corrupt[bytes.length * 3 / 4] ^= 0x5a;
        assertThatThrownBy(() -> CheckpointFormat.read(new ByteArrayInputStream(corrupt)))
                .isInstanceOf(CheckpointException.class);
    }

    @Test
    void aWeightsEntryThatDoesNotMatchItsHashIsRejected() throws IOException {
        // same manifest, but the generator entry replaced by the discriminator's bytes: the zip itself is valid
        byte[] forged = rewrite(bytes, CheckpointFormat.GENERATOR, entry(bytes, CheckpointFormat.DISCRIMINATOR));
        assertThatThrownBy(() -> CheckpointFormat.read(new ByteArrayInputStream(forged)))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("SHA-256 mismatch for generator.bin");
        assertThatThrownBy(() -> CheckpointFormat.readGeneratorOnly(new ByteArrayInputStream(forged)))
                .hasMessageContaining("SHA-256 mismatch for generator.bin");
    }

    @Test
    void aMissingWeightsEntryIsNamed() throws IOException {
        byte[] without = rewrite(bytes, CheckpointFormat.STACKED, null);
        assertThatThrownBy(() -> CheckpointFormat.read(new ByteArrayInputStream(without)))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("no entry stacked.bin");
    }

    @Test
    void anUnknownFormatVersionIsRejected() throws IOException {
        String manifest = new String(entry(bytes, CheckpointFormat.MANIFEST), StandardCharsets.UTF_8)
                .replace("\"formatVersion\" : " + CheckpointFormat.FORMAT_VERSION, "\"formatVersion\" : 9");
        byte[] future = rewrite(bytes, CheckpointFormat.MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));
        assertThat(manifest).contains("\"formatVersion\" : 9");
        assertThatThrownBy(() -> CheckpointFormat.read(new ByteArrayInputStream(future)))
                .hasMessageContaining("unsupported checkpoint format version 9");
    }

    private static byte[] entry(byte[] zip, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new IllegalArgumentException("no " + name);
    }

    /** Copies the zip, replacing (or, with null, dropping) one entry's content. */
    private static byte[] rewrite(byte[] zip, String name, byte[] replacement) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
                ZipOutputStream copy = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] content = in.readAllBytes();
                if (e.getName().equals(name)) {
                    if (replacement == null) {
                        continue;
                    }
                    content = replacement;
                }
                copy.putNextEntry(new ZipEntry(e.getName()));
                copy.write(content);
                copy.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] zip(String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
        }
        return out.toByteArray();
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
