package dev.digitgan.sampler.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.sampler.InkColumns;
import dev.digitgan.sampler.TinyGenerators;
import dev.digitgan.sampler.reload.ReloadMetrics;
import dev.digitgan.sampler.reload.VersionRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The label reaches the served digits: a conditional checkpoint loaded as the sampler loads one. */
class ConditionalSamplingTest {

    private final GeneratorHolder holder = new GeneratorHolder();
    private final DigitSampler sampler = new DigitSampler(holder,
            new ReloadMetrics(new SimpleMeterRegistry(), holder, new VersionRegistry()));
    private final ModelLoader loader = new ModelLoader(new GeneratorReader(), 2);

    private LoadedModel serveConditional(String name, long version) throws ModelRejectedException {
        byte[] bytes = TinyGenerators.conditionalCheckpoint(name, version);
        LoadedModel model = loader.load(ModelLoaderTest.info(name + "@" + version), bytes, ModelLoader.sha256(bytes));
        holder.swap(model);
        return model;
    }

    private void serveUnconditional(String name) throws ModelRejectedException {
        byte[] bytes = TinyGenerators.checkpoint(name, 1);
        holder.swap(loader.load(ModelLoaderTest.info(name + "@1"), bytes, ModelLoader.sha256(bytes)));
    }

    static BufferedImage decode(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    @Test
    void theClassCountComesFromTheCheckpointsManifestNotTheEvent() throws Exception {
        // ModelLoaderTest.info describes every model as unconditional (an event that says nothing of classes)
        LoadedModel model = serveConditional("cond", 1);
        assertThat(model.conditional()).isTrue();
        assertThat(model.info().classes()).isEqualTo(10);
        assertThat(model.info().conditional()).isTrue();
        assertThat(model.pool().latentSize()).isEqualTo(TinyGenerators.LATENT);
        assertThat(model.pool().classes()).isEqualTo(10);
    }

    @Test
    void theDigitAskedForChangesTheImagesAndTheSameRequestGivesTheSameBytes() throws Exception {
        serveConditional("cond", 1);
        byte[] threes = sampler.grid(8, 42, 4, 1, OptionalInt.of(3)).png();
        byte[] sevens = sampler.grid(8, 42, 4, 1, OptionalInt.of(7)).png();
        assertThat(threes).isNotEqualTo(sevens);
        assertThat(sampler.grid(8, 42, 4, 1, OptionalInt.of(3)).png()).isEqualTo(threes);
        assertThat(sampler.digit(5, 42, 2, OptionalInt.of(3)).png()).isNotEqualTo(sampler.digit(5, 42, 2,
                OptionalInt.of(7)).png()).isEqualTo(sampler.digit(5, 42, 2, OptionalInt.of(3)).png());
        Pixels pixels = sampler.pixels(4, 42, OptionalInt.of(7));
        assertThat(pixels.labels()).containsExactly(7, 7, 7, 7);
        assertThat(pixels.digits().get(0)).isNotEqualTo(sampler.pixels(4, 42, OptionalInt.of(3)).digits().get(0));
    }

    @Test
    void withoutADigitEachDigitOfASeedDrawsItsOwnLabelAndDigitIIsTileIOfTheGrid() throws Exception {
        serveConditional("cond", 1);
        Pixels any = sampler.pixels(40, 9, OptionalInt.empty());
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            expected.add(Latents.label(9, i, 10));
        }
        assertThat(any.labels()).isEqualTo(expected);
        assertThat(any.labels().stream().distinct().count()).isGreaterThan(5);
        BufferedImage grid = decode(sampler.grid(6, 9, 6, 1, OptionalInt.empty()).png());
        BufferedImage alone = decode(sampler.digit(4, 9, 1, OptionalInt.empty()).png());
        assertThat(maxGreyDifference(grid, 2 + 4 * 30, 2, alone)).isLessThanOrEqualTo(1);
    }

    @Test
    void anUnconditionalModelRefusesEveryChosenDigitAndStillDrawsAtRandom() throws Exception {
        serveUnconditional("plain");
        assertThat(sampler.grid(4, 1, 2, 1, OptionalInt.empty()).model().conditional()).isFalse();
        assertThat(sampler.pixels(2, 1, OptionalInt.empty()).labels()).isNull();
        for (Runnable call : List.<Runnable>of(
                () -> sampler.grid(4, 1, 2, 1, OptionalInt.of(3)),
                () -> sampler.digit(0, 1, 1, OptionalInt.of(3)),
                () -> sampler.pixels(1, 1, OptionalInt.of(0)),
                () -> sampler.number("2026", 1, 1),
                () -> sampler.classes(2, 1, 1))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(UnconditionalModelException.class,
                    e -> assertThat(e.status()).isEqualTo(400))
                    .hasMessageStartingWith("the served model plain@1 is unconditional");
        }
    }

    @Test
    void aNumberIsOneInkBlobPerCharacterSeparatedByBackground() throws Exception {
        serveConditional("cond", 1);
        BufferedImage line = decode(sampler.number("2026", 5, 1).png());
        assertThat(line.getHeight()).isEqualTo(28 + 2 * Handwriting.MAX_RISE);
        assertThat(InkColumns.blobs(line)).isEqualTo(4);
        assertThat(InkColumns.blobs(decode(sampler.number("0123456789", 5, 1).png()))).isEqualTo(10);
        assertThat(decode(sampler.number("2026", 5, 3).png()).getWidth()).isEqualTo(3 * line.getWidth());
        assertThat(sampler.number("2026", 5, 1).png()).isEqualTo(sampler.number("2026", 5, 1).png())
                .isNotEqualTo(sampler.number("2027", 5, 1).png())
                .isNotEqualTo(sampler.number("2026", 6, 1).png());
    }

    @Test
    void theClassGridHasOneRowPerDigitAndEachColumnOneStyle() throws Exception {
        serveConditional("cond", 1);
        BufferedImage grid = decode(sampler.classes(3, 11, 1).png());
        assertThat(grid.getWidth()).isEqualTo(3 * (28 + 2) + 2);
        assertThat(grid.getHeight()).isEqualTo(10 * (28 + 2) + 2);
        // row k, column c is digit c of the seed drawn as k: the single digit asked for k
        for (int k : new int[] {0, 3, 9}) {
            BufferedImage alone = decode(sampler.digit(2, 11, 1, OptionalInt.of(k)).png());
            assertThat(maxGreyDifference(grid, 2 + 2 * 30, 2 + k * 30, alone)).isLessThanOrEqualTo(1);
        }
        assertThat(sampler.classes(3, 11, 1).png()).isEqualTo(sampler.classes(3, 11, 1).png());
    }

    @Test
    void aWalkOfAConditionalModelStartsAndEndsAtTheSingleDigitsOfItsSeeds() throws Exception {
        serveConditional("cond", 1);
        BufferedImage walk = decode(sampler.walk(3, 4, 5, 1).png());
        BufferedImage from = decode(sampler.digit(0, 3, 1).png());
        BufferedImage to = decode(sampler.digit(0, 4, 1).png());
        assertThat(maxGreyDifference(walk, 2, 2, from)).isLessThanOrEqualTo(1);
        assertThat(maxGreyDifference(walk, 2 + 4 * 30, 2, to)).isLessThanOrEqualTo(1);
    }

    /** Largest grey difference between {@code tile} and the part of {@code image} at (left, top). */
    static int maxGreyDifference(BufferedImage image, int left, int top, BufferedImage tile) {
        int max = 0;
        for (int y = 0; y < tile.getHeight(); y++) {
            for (int x = 0; x < tile.getWidth(); x++) {
                max = Math.max(max, Math.abs(image.getRaster().getSample(left + x, top + y, 0)
                        - tile.getRaster().getSample(x, y, 0)));
            }
        }
        return max;
    }
}
