package dev.digitgan.sampler.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.sampler.TinyGenerators;
import org.junit.jupiter.api.Test;

class GeneratorHolderTest {

    private final GeneratorPool pool = new GeneratorPool(TinyGenerators.network(1, 784), 1);

    @Test
    void swapReturnsThePreviousModelAndRemembersItNewestFirst() {
        GeneratorHolder holder = new GeneratorHolder();
        assertThat(holder.current()).isEmpty();
        LoadedModel a = model("run@1");
        LoadedModel b = model("run@2");
        LoadedModel c = model("run@3");
        assertThat(holder.swap(a)).isEmpty();
        assertThat(holder.swap(b)).contains(a);
        assertThat(holder.swap(c)).contains(b);
        assertThat(holder.current()).contains(c);
        assertThat(holder.previouslyServed()).extracting(ModelInfo::modelVersion).containsExactly("run@2", "run@1");
    }

    @Test
    void aModelServedAgainIsNotListedAsPrevious() {
        GeneratorHolder holder = new GeneratorHolder();
        holder.swap(model("run@1"));
        holder.swap(model("run@2"));
        holder.swap(model("run@1"));
        assertThat(holder.previouslyServed()).extracting(ModelInfo::modelVersion).containsExactly("run@2");
    }

    private LoadedModel model(String name) {
        return new LoadedModel(ModelLoaderTest.info(name), pool);
    }
}
