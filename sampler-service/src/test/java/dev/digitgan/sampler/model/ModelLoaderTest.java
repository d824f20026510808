package dev.digitgan.sampler.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.sampler.TinyGenerators;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ModelLoaderTest {

    private final ModelLoader loader = new ModelLoader(new GeneratorReader(), 2);

    static ModelInfo info(String name) {
        return new ModelInfo(name, name.substring(0, name.indexOf('@')),
                Long.parseLong(name.substring(name.indexOf('@') + 1)), ModelInfo.CHECKPOINT, "mlp", 1, 10, 1.0, 1.0,
                Instant.parse("2026-01-01T00:00:00Z"), null, null);
    }

    @Test
    void loadsAVerifiedGeneratorAndItProducesImages() throws Exception {
        byte[] bytes = TinyGenerators.checkpoint("run-a", 1);
        LoadedModel model = loader.load(info("run-a@1"), bytes, ModelLoader.sha256(bytes));
        assertThat(model.modelVersion()).isEqualTo("run-a@1");
        assertThat(model.pool().latentSize()).isEqualTo(TinyGenerators.LATENT);
        assertThat(model.pool().size()).isEqualTo(2);
        float[] images = model.pool().generate(Latents.batch(3, 0, 4, TinyGenerators.LATENT), 4);
        assertThat(images).hasSize(4 * 784);
        for (float v : images) {
            assertThat(v).isBetween(-1f, 1f);
        }
    }

    @Test
    void rejectsBytesWhoseShaDiffersFromTheEvent() {
        byte[] bytes = TinyGenerators.checkpoint("run-a", 1);
        String otherSha = ModelLoader.sha256(TinyGenerators.checkpoint("run-a", 2));
        assertThatThrownBy(() -> loader.load(info("run-a@1"), bytes, otherSha))
                .isInstanceOfSatisfying(ModelRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.SHA_MISMATCH))
                .hasMessageContaining(otherSha);
    }

    @Test
    void rejectsCorruptBytesEvenWithAMatchingSha() {
        byte[] bytes = TinyGenerators.checkpoint("run-a", 1);
        byte[] corrupt = bytes.clone();
        for (int i = 0; i < corrupt.length; i += 7) {
            corrupt[i] ^= (byte) 0x5A;
        }
        assertRejected(corrupt, RejectReason.CORRUPT);
    }

    @Test
    void rejectsTruncatedBytesEvenWithAMatchingSha() {
        byte[] bytes = TinyGenerators.checkpoint("run-a", 1);
        // Cut inside the generator entry (the manifest is ~1 KB). A cut after the generator leaves what the
        // sampler reads intact; the event's SHA-256 of the whole object catches that case.
        assertRejected(Arrays.copyOf(bytes, 3000), RejectReason.CORRUPT);
    }

    @Test
    void rejectsAGeneratorThatOutputsNaN() {
        assertRejected(TinyGenerators.nanWeights("run-a", 1), RejectReason.NON_FINITE);
    }

    @Test
    void rejectsAGeneratorWithTheWrongOutputShape() {
        assertRejected(TinyGenerators.wrongShape("run-a", 1), RejectReason.WRONG_SHAPE);
    }

    @Test
    void rejectsACheckpointOfAnotherVersionUnderThisName() {
        assertRejected(TinyGenerators.checkpoint("run-a", 2), RejectReason.CORRUPT);
    }

    @Test
    void readsTheGeneratorOnlyFileTheServiceShips() throws Exception {
        var model = dev.digitgan.model.nets.GanNetworks.create(TinyGenerators.spec(3));
        byte[] file = dev.digitgan.sampler.tools.GeneratorOnlyCheckpoint.write(
                TinyGenerators.manifest("shipped-mlp", 4, model.spec()), model.generator());
        ShippedModel shipped = ShippedModel.of(file);
        assertThat(shipped.info().modelVersion()).isEqualTo("shipped-mlp@4");
        assertThat(shipped.info().source()).isEqualTo(ModelInfo.SHIPPED);
        assertThat(shipped.info().step()).isEqualTo(400);
        LoadedModel loaded = shipped.load(loader);
        float[] z = Latents.batch(1, 0, 2, TinyGenerators.LATENT);
        org.nd4j.linalg.api.ndarray.INDArray expected = model.generator().output(
                org.nd4j.linalg.factory.Nd4j.create(z).reshape(new long[] {2, TinyGenerators.LATENT}), false);
        assertThat(loaded.pool().generate(z, 2)).containsExactly(expected.dup('c').data().asFloat());
    }

    private void assertRejected(byte[] bytes, RejectReason reason) {
        assertThatThrownBy(() -> loader.load(info("run-a@1"), bytes, ModelLoader.sha256(bytes)))
                .isInstanceOfSatisfying(ModelRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
