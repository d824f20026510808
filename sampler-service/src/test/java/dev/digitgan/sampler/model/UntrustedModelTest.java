package dev.digitgan.sampler.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.digitgan.model.checkpoint.CheckpointFormat;
import dev.digitgan.model.checkpoint.CheckpointManifest;
import dev.digitgan.sampler.HostileCheckpoints;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A format-1 checkpoint (as every checkpoint stored before format 2: here the model this service shipped until
 * 2026-12-02, {@code shipped-mlp@30}, kept as a test resource) is served through the same safe path as S3 bytes,
 * with the output DL4J's own reader gives; hostile variants of it are refused.
 */
class UntrustedModelTest {

    private final ModelLoader loader = new ModelLoader(new GeneratorReader(), 1);

    @Test
    void aFormatOneCheckpointServesWhatModelSerializerWouldHaveRestored() throws Exception {
        byte[] shippedZip = shippedBytes();
        LoadedModel loaded = ShippedModel.of(shippedZip).load(loader);
        byte[] generatorZip = HostileCheckpoints.entries(shippedZip).get(CheckpointFormat.LEGACY_GENERATOR);
        MultiLayerNetwork viaSerializer = ModelSerializer.restoreMultiLayerNetwork(
                new ByteArrayInputStream(generatorZip), false);

        int n = 16;
        float[] z = Latents.batch(99, 0, n, loaded.pool().latentSize());
        float[] expected = viaSerializer.output(Nd4j.create(z).reshape(n, loaded.pool().latentSize()), false)
                .dup('c').data().asFloat();
        // the same weights; G is rebuilt with the project's own layers (one GEMM per product, libnd4j's tanh), which
        // round the last bit differently from DL4J's DenseLayer that ModelSerializer restores
        assertThat(loaded.pool().generate(z, n)).containsExactly(expected, within(1e-5f));
    }

    @Test
    void aFormatOneCheckpointWithASerialisedObjectAddedIsRefusedWithoutDeserialisingIt() throws Exception {
        Map<String, byte[]> outer = HostileCheckpoints.entries(shippedBytes());
        Map<String, byte[]> generator = HostileCheckpoints.entries(outer.get(CheckpointFormat.LEGACY_GENERATOR));
        generator.put("preprocessor.bin", HostileCheckpoints.serialised(new HostileCheckpoints.Tripwire()));
        byte[] poisoned = rehashed(outer, CheckpointFormat.LEGACY_GENERATOR,
                HostileCheckpoints.zip(generator, Deflater.DEFAULT_COMPRESSION));

        assertRefused(poisoned, "preprocessor.bin");
        assertThat(HostileCheckpoints.Tripwire.READS).hasValue(0);
    }

    @Test
    void aZipBombInsideTheDownloadLimitIsRefused() throws Exception {
        Map<String, byte[]> outer = HostileCheckpoints.entries(shippedBytes());
        Map<String, byte[]> bomb = new LinkedHashMap<>();
        bomb.put(CheckpointFormat.MANIFEST, outer.get(CheckpointFormat.MANIFEST));
        bomb.put(CheckpointFormat.LEGACY_GENERATOR, new byte[160 << 20]); // zeros: well under 1 MiB deflated
        byte[] file = HostileCheckpoints.zip(bomb, Deflater.BEST_COMPRESSION);
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
                .getResourceAsStream("legacy/shipped-mlp-30.zip")) {
            assertThat(in).as("the format-1 checkpoint").isNotNull();
            return in.readAllBytes();
        }
    }

    /** The checkpoint with {@code name} replaced and the manifest's hash of it updated. */
    private static byte[] rehashed(Map<String, byte[]> outer, String name, byte[] replacement) throws IOException {
        CheckpointManifest manifest = CheckpointFormat.readManifest(new ByteArrayInputStream(
                HostileCheckpoints.zip(Map.of(CheckpointFormat.MANIFEST, outer.get(CheckpointFormat.MANIFEST)), 6)));
        Map<String, String> hashes = new LinkedHashMap<>(manifest.sha256());
        hashes.put(name, ModelLoader.sha256(replacement));
        Map<String, byte[]> copy = new LinkedHashMap<>(outer);
        copy.put(CheckpointFormat.MANIFEST, CheckpointFormat.manifestJson(manifest.withSha256(hashes))
                .getBytes(StandardCharsets.UTF_8));
        copy.put(name, replacement);
        return HostileCheckpoints.zip(copy, Deflater.DEFAULT_COMPRESSION);
    }
}
