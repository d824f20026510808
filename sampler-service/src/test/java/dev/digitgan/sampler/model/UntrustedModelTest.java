package dev.digitgan.sampler.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.model.checkpoint.CheckpointFormat;
import dev.digitgan.model.checkpoint.CheckpointManifest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The shipped model (a format-1 checkpoint, as every checkpoint stored before format 2) is served through the same
 * safe path as S3 bytes, with the output DL4J's own reader gives; hostile variants of it are refused.
 */
class UntrustedModelTest {

    private final ModelLoader loader = new ModelLoader(new GeneratorReader(), 1);

    @Test
    void theShippedModelServesExactlyWhatModelSerializerWouldHaveRestored() throws Exception {
        byte[] shippedZip = shippedBytes();
        LoadedModel loaded = ShippedModel.of(shippedZip).load(loader);
        MultiLayerNetwork viaSerializer = ModelSerializer.restoreMultiLayerNetwork(
                new ByteArrayInputStream(entries(shippedZip).get(CheckpointFormat.LEGACY_GENERATOR)), false);

        int n = 16;
        float[] z = Latents.batch(99, 0, n, loaded.pool().latentSize());
        float[] expected = viaSerializer.output(Nd4j.create(z).reshape(n, loaded.pool().latentSize()), false)
                .dup('c').data().asFloat();
        assertThat(loaded.pool().generate(z, n)).containsExactly(expected);
    }

    @Test
    void theShippedModelWithASerialisedObjectAddedIsRefusedWithoutDeserialisingIt() throws Exception {
        Map<String, byte[]> outer = entries(shippedBytes());
        Map<String, byte[]> generator = entries(outer.get(CheckpointFormat.LEGACY_GENERATOR));
        generator.put("preprocessor.bin", serialised(new Tripwire()));
        byte[] poisoned = rehashed(outer, CheckpointFormat.LEGACY_GENERATOR,
                zip(generator, Deflater.DEFAULT_COMPRESSION));

        assertRefused(poisoned, "preprocessor.bin");
        assertThat(Tripwire.READS).hasValue(0);
    }

    @Test
    void aZipBombInsideTheDownloadLimitIsRefused() throws Exception {
        Map<String, byte[]> outer = entries(shippedBytes());
        Map<String, byte[]> bomb = new LinkedHashMap<>();
        bomb.put(CheckpointFormat.MANIFEST, outer.get(CheckpointFormat.MANIFEST));
        bomb.put(CheckpointFormat.LEGACY_GENERATOR, new byte[512 << 20]); // zeros: ~0.5 MB deflated
        byte[] file = zip(bomb, Deflater.BEST_COMPRESSION);
        assertThat((long) file.length).isLessThan(new dev.digitgan.sampler.TestConfig().maxCheckpointBytes());

        assertRefused(file, "inflates to more than its limit");
    }

    private void assertRefused(byte[] bytes, String message) {
        ModelInfo info = ModelLoaderTest.info("shipped-mlp@30");
        assertThatThrownBy(() -> loader.load(info, bytes, ModelLoader.sha256(bytes)))
                .isInstanceOfSatisfying(ModelRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.REFUSED))
                .hasMessageContaining(message);
    }

    private static byte[] shippedBytes() throws IOException {
        try (InputStream in = UntrustedModelTest.class.getClassLoader()
                .getResourceAsStream("shipped-model/" + ShippedModel.FILE)) {
            assertThat(in).as("the shipped model").isNotNull();
            return in.readAllBytes();
        }
    }

    /** The checkpoint with {@code name} replaced and the manifest's hash of it updated. */
    private static byte[] rehashed(Map<String, byte[]> outer, String name, byte[] replacement) throws IOException {
        CheckpointManifest manifest = CheckpointFormat.readManifest(new ByteArrayInputStream(
                zip(Map.of(CheckpointFormat.MANIFEST, outer.get(CheckpointFormat.MANIFEST)), 6)));
        Map<String, String> hashes = new LinkedHashMap<>(manifest.sha256());
        hashes.put(name, ModelLoader.sha256(replacement));
        Map<String, byte[]> copy = new LinkedHashMap<>(outer);
        copy.put(CheckpointFormat.MANIFEST, CheckpointFormat.manifestJson(manifest.withSha256(hashes))
                .getBytes(StandardCharsets.UTF_8));
        copy.put(name, replacement);
        return zip(copy, Deflater.DEFAULT_COMPRESSION);
    }

    private static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static byte[] zip(Map<String, byte[]> entries, int level) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(level);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] serialised(Object payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
            objects.writeObject(payload);
        }
        return out.toByteArray();
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
