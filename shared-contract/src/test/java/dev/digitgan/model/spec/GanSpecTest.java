package dev.digitgan.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GanSpecTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyPresetRoundTripsThroughJackson() throws Exception {
        for (String name : Presets.names()) {
            GanSpec spec = Presets.byName(name);
            String text = json.writeValueAsString(spec);
            assertThat(json.readValue(text, GanSpec.class)).as(name).isEqualTo(spec);
        }
    }

    @Test
    void jsonUsesPlainFieldNamesAndEnumNames() throws Exception {
        String text = json.writeValueAsString(Presets.dcgan());
        assertThat(text).contains("\"architecture\":\"DCGAN\"", "\"generatorChannels\":[64,32]",
                "\"latentSize\":100");
    }

    @Test
    void seedPresetKeepsTheSeedsValues() {
        GanSpec seed = Presets.seed();
        assertThat(seed.architecture()).isEqualTo(Architecture.MLP);
        assertThat(seed.latentSize()).isEqualTo(100);
        assertThat(seed.generatorHidden()).containsExactly(150, 300);
        assertThat(seed.discriminatorHidden()).containsExactly(300, 150);
        assertThat(seed.generatorLearningRate()).isEqualTo(1e-4);
        assertThat(seed.discriminatorLearningRate()).isEqualTo(1e-4);
        assertThat(seed.dropoutKeep()).isEqualTo(0.7);
        assertThat(seed.batchSize()).isEqualTo(256);
    }

    @Test
    void byNameIsCaseInsensitiveAndListsValidNamesOnError() {
        assertThat(Presets.byName(" MLP ")).isEqualTo(Presets.mlp());
        assertThat(Presets.byName(Presets.DEFAULT).preset()).isEqualTo("mlp");
        assertThatThrownBy(() -> Presets.byName("gan9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'gan9'")
                .hasMessageContaining("seed, mlp, dcgan, cmlp, cdcgan");
        assertThatThrownBy(() -> Presets.byName(null)).hasMessageContaining("valid presets");
    }

    @Test
    void withCopiesChangeOneThingAndKeepTheRest() {
        GanSpec base = Presets.mlp();
        GanSpec changed = base.withBatchSize(64).withSeed(7).withGeneratorLearningRate(3e-4);
        assertThat(changed.batchSize()).isEqualTo(64);
        assertThat(changed.seed()).isEqualTo(7);
        assertThat(changed.generatorLearningRate()).isEqualTo(3e-4);
        assertThat(changed.discriminatorLearningRate()).isEqualTo(base.discriminatorLearningRate());
        assertThat(changed.generatorHidden()).isEqualTo(base.generatorHidden());
        assertThat(base.batchSize()).isEqualTo(256);
    }

    @Test
    void listsAreDefensivelyCopied() {
        List<Integer> hidden = new ArrayList<>(List.of(10, 20));
        GanSpec spec = Presets.mlp().withGeneratorHidden(hidden);
        hidden.set(0, 999);
        assertThat(spec.generatorHidden()).containsExactly(10, 20);
        assertThatThrownBy(() -> spec.generatorHidden().add(1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void badValuesFailWithMessagesNamingTheField() {
        GanSpec mlp = Presets.mlp();
        assertThatThrownBy(() -> mlp.withLatentSize(0)).hasMessage("latentSize must be > 0, got 0");
        assertThatThrownBy(() -> mlp.withBatchSize(-1)).hasMessage("batchSize must be > 0, got -1");
        assertThatThrownBy(() -> mlp.withLearningRate(0)).hasMessageContaining("generatorLearningRate");
        assertThatThrownBy(() -> mlp.withDiscriminatorLearningRate(Double.NaN))
                .hasMessageContaining("discriminatorLearningRate");
        assertThatThrownBy(() -> mlp.withBeta1(1.0)).hasMessageContaining("beta1");
        assertThatThrownBy(() -> mlp.withDropoutKeep(0)).hasMessageContaining("dropoutKeep");
        assertThatThrownBy(() -> mlp.withGeneratorHidden(List.of(10, 0)))
                .hasMessageContaining("generatorHidden[1] must be > 0");
        assertThatThrownBy(() -> mlp.withGeneratorHidden(List.of())).hasMessageContaining("must not be empty for MLP");
        assertThatThrownBy(() -> mlp.withGeneratorChannels(List.of(8, 8)))
                .hasMessageContaining("does not apply to MLP");
        assertThatThrownBy(() -> mlp.withPreset(" ")).hasMessageContaining("preset");
        assertThatThrownBy(() -> Presets.dcgan().withGeneratorChannels(List.of(8, 8, 8)))
                .hasMessageContaining("exactly 2 entries");
        assertThatThrownBy(() -> Presets.dcgan().withDiscriminatorChannels(List.of(1, 2, 3, 4, 5)))
                .hasMessageContaining("at most 4");
    }

    @Test
    void conditionalPresetsAreTheirUnconditionalNetworksWithTenClasses() {
        GanSpec cmlp = Presets.cmlp();
        assertThat(cmlp.classes()).isEqualTo(GanSpec.DIGIT_CLASSES);
        assertThat(cmlp.conditional()).isTrue();
        assertThat(cmlp.generatorInputSize()).isEqualTo(110);
        assertThat(cmlp.withPreset("mlp").withClasses(0)).isEqualTo(Presets.mlp());
        assertThat(Presets.cdcgan().withPreset("dcgan").withClasses(0).withEmaDecay(0)
                .withLoss(AdversarialLoss.CROSS_ENTROPY)).isEqualTo(Presets.dcgan());
        assertThat(Presets.mlp().conditional()).isFalse();
        assertThat(Presets.mlp().generatorInputSize()).isEqualTo(100);
    }

    @Test
    void recipeFieldsAreCheckedAndZeroMeansOff() {
        GanSpec mlp = Presets.mlp();
        assertThat(mlp.labelSmoothing()).isZero();
        assertThat(mlp.emaDecay()).isEqualTo(0.999);
        assertThat(Presets.seed().emaDecay()).as("the seed's values: no average").isZero();
        assertThat(Presets.dcgan().emaDecay()).isZero();
        assertThatThrownBy(() -> mlp.withClasses(3)).hasMessageContaining("classes must be 0 (unconditional) or 10");
        assertThatThrownBy(() -> mlp.withLabelSmoothing(0.5)).hasMessageContaining("labelSmoothing");
        assertThatThrownBy(() -> mlp.withEmaDecay(1)).hasMessageContaining("emaDecay");
        assertThat(mlp.withLabelSmoothing(0.1).withEmaDecay(0.99).emaDecay()).isEqualTo(0.99);
    }

    @Test
    void everyPresetButCdcganUsesTheSeedsCrossEntropy() {
        Presets.names().forEach(name -> assertThat(Presets.byName(name).loss()).as(name).isEqualTo(
                name.equals(Presets.CDCGAN) ? AdversarialLoss.LEAST_SQUARES : AdversarialLoss.CROSS_ENTROPY));
        GanSpec ls = Presets.cmlp().withLoss(AdversarialLoss.LEAST_SQUARES);
        assertThat(ls.loss()).isEqualTo(AdversarialLoss.LEAST_SQUARES);
        assertThat(ls.withLoss(AdversarialLoss.CROSS_ENTROPY)).isEqualTo(Presets.cmlp());
        assertThat(Presets.mlp().withLoss(null).loss()).as("absent: what every spec before the field used")
                .isEqualTo(AdversarialLoss.CROSS_ENTROPY);
    }

    @Test
    void aSpecDocumentWithoutTheLossReadsAsCrossEntropy() throws Exception {
        GanSpec ls = Presets.cdcgan().withLoss(AdversarialLoss.LEAST_SQUARES);
        String written = json.writeValueAsString(ls);
        assertThat(written).contains("\"loss\":\"LEAST_SQUARES\"");
        assertThat(json.readValue(written, GanSpec.class)).isEqualTo(ls);
        GanSpec crossEntropy = Presets.cmlp();
        String before = json.writeValueAsString(crossEntropy).replace(",\"loss\":\"CROSS_ENTROPY\"", "");
        assertThat(before).doesNotContain("loss");
        assertThat(json.readValue(before, GanSpec.class)).isEqualTo(crossEntropy);
    }

    @Test
    void theBuilderCopiesEveryFieldAndValidatesLikeTheConstructor() {
        Presets.names().forEach(name -> {
            GanSpec spec = Presets.byName(name);
            assertThat(spec.toBuilder().build()).as(name).isEqualTo(spec);
        });
        assertThatThrownBy(() -> Presets.dcgan().toBuilder().generatorHidden(List.of(10)).build())
                .hasMessageContaining("generatorHidden does not apply to DCGAN");
        assertThatThrownBy(() -> GanSpec.builder("x", Architecture.MLP).build())
                .as("sizes have no neutral default").hasMessageContaining("latentSize must be > 0");
    }
}
