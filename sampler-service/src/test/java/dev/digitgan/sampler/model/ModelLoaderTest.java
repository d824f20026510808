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
        return new ModelInfo(name, name.substring(0, name.indexOf('@')), Long.parseLong(name.substring(name.indexOf('@') + 1)),
                ModelInfo.CHECKPOINT, "mlp", 1, 10, 1.0, 1.0, Instant.parse("2026-01-01T00:00:00Z"), null);
    }

    @Test
    void loadsAVerifiedGeneratorAndItProducesImages() throws Exception {
        byte[] bytes = TinyGenerators.checkpoint(1);
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
        byte[] bytes = TinyGenerators.checkpoint(1);
        String otherSha = ModelLoader.sha256(TinyGenerators.checkpoint(2));
        assertThatThrownBy(() -> loader.load(info("run-a@1"), bytes, otherSha))
                .isInstanceOfSatisfying(ModelRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.SHA_MISMATCH))
                .hasMessageContaining(otherSha);
    }

    @Test
    void rejectsCorruptBytesEvenWithAMatchingSha() {
        byte[] bytes = TinyGenerators.checkpoint(1);
        byte[] corrupt = bytes.clone();
        for (int i = 0; i < corrupt.length; i += 7) {
            corrupt[i] ^= (byte) 0x5A;
        }
        assertRejected(corrupt, RejectReason.CORRUPT);
    }

    @Test
    void rejectsTruncatedBytesEvenWithAMatchingSha() {
        byte[] bytes = TinyGenerators.checkpoint(1);
        assertRejected(Arrays.copyOf(bytes, bytes.length / 2), RejectReason.CORRUPT);
    }

    @Test
    void rejectsAGeneratorThatOutputsNaN() {
        assertRejected(TinyGenerators.nanWeights(1), RejectReason.NON_FINITE);
    }

    @Test
    void rejectsAGeneratorWithTheWrongOutputShape() {
        assertRejected(TinyGenerators.wrongShape(1), RejectReason.WRONG_SHAPE);
    }

    private void assertRejected(byte[] bytes, RejectReason reason) {
        assertThatThrownBy(() -> loader.load(info("run-a@1"), bytes, ModelLoader.sha256(bytes)))
                .isInstanceOfSatisfying(ModelRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
