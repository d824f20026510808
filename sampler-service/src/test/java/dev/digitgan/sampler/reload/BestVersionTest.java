package dev.digitgan.sampler.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.digitgan.model.quality.QualityScores;
import dev.digitgan.sampler.model.ModelInfo;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every branch of the best policy's decision, on model descriptions alone (no networks, no I/O). */
class BestVersionTest {

    private static final String EVALUATOR = "mnist-cnn-0123456789ab";
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final BestVersion best = new BestVersion(0.1);

    private static QualityScores fd(double distance) {
        return new QualityScores(distance, 7.0, 3.2, null, 2000, EVALUATOR);
    }

    private static QualityScores conditional(double distance, double accuracy) {
        return new QualityScores(distance, 7.0, 3.2, accuracy, 2000, EVALUATOR);
    }

    /** {@code run@version}, created {@code version} seconds after T0 (a higher version is newer). */
    private static ModelInfo model(String run, long version, QualityScores quality) {
        return new ModelInfo(run + "@" + version, run, version, ModelInfo.CHECKPOINT, "mlp", (int) version,
                version * 100, 1.0, 1.0, T0.plusSeconds(version), "a".repeat(64), quality);
    }

    private static ModelInfo shipped(QualityScores quality) {
        return new ModelInfo("shipped-mlp@30", "shipped-mlp", 30, ModelInfo.SHIPPED, "mlp", 30, 7020, 1.3, 0.7,
                T0.minusSeconds(86_400), "b".repeat(64), quality);
    }

    private BestVersion.Choice choose(ModelInfo serving, ModelInfo... loadable) {
        return best.choose(serving, List.of(loadable), null);
    }

    @Test
    void aNewerVersionBetterByMoreThanTheMarginReplacesTheServedOne() {
        ModelInfo served = model("run", 3, fd(24.9));
        ModelInfo better = model("run", 5, fd(18.2));
        BestVersion.Choice choice = choose(served, served, better);
        assertThat(choice.target()).isEqualTo("run@5");
        assertThat(choice.reason()).isEqualTo("best: FD 18.2 < 24.9 − 2.49 (10 % margin); run@5 replaces run@3");
    }

    @Test
    void aWorseVersionPublishedAfterABetterOneIsNotServed() {
        ModelInfo good = model("run", 1, fd(12.0));
        ModelInfo bad = model("run", 2, fd(80.0));
        BestVersion.Choice choice = choose(good, good, bad);
        assertThat(choice.target()).isEqualTo("run@1");
        assertThat(choice.reason())
                .isEqualTo("best: keeping run@1 (FD 12.0); the best challenger, run@2, has FD 80.0, not < 12.0 − 1.20"
                        + " (10 % margin)");
    }

    @Test
    void aVersionBetterOnlyWithinTheMarginDoesNotReplace() {
        ModelInfo served = model("run", 1, fd(20.0));
        assertThat(choose(served, model("run", 2, fd(18.1))).target()).isEqualTo("run@1");
        assertThat(choose(served, model("run", 2, fd(20.0))).target()).isEqualTo("run@1");
        assertThat(choose(served, model("run", 2, fd(17.9))).target()).isEqualTo("run@2");
        assertThat(new BestVersion(0).choose(served, List.of(model("run", 2, fd(19.99))), null).target())
                .isEqualTo("run@2");
    }

    @Test
    void theBestOfSeveralChallengersWinsAndAmongEqualsTheNewest() {
        ModelInfo served = model("run", 1, fd(30.0));
        BestVersion.Choice choice = choose(served, model("run", 2, fd(20.0)), model("run", 3, fd(15.0)),
                model("run", 4, fd(25.0)), model("other", 3, fd(15.0)));
        // run@3 and other@3 are equally good and equally new; as for latest, the greater run id counts as newer
        assertThat(choice.target()).isEqualTo("run@3");
        ModelInfo newer = new ModelInfo("late@1", "late", 1, ModelInfo.CHECKPOINT, "mlp", 1, 100, 1, 1,
                T0.plusSeconds(99), "c".repeat(64), fd(15.0));
        assertThat(choose(served, model("run", 3, fd(15.0)), newer).target()).isEqualTo("late@1");
    }

    @Test
    void anOlderBetterVersionIsServedToo() {
        // e.g. after switching from latest (which served a bad newest) to best
        ModelInfo bad = model("run", 9, fd(90.0));
        assertThat(choose(bad, model("run", 2, fd(10.0)), bad).target()).isEqualTo("run@2");
    }

    @Test
    void anUnscoredVersionNeverReplacesAScoredOne() {
        ModelInfo served = model("run", 1, fd(40.0));
        BestVersion.Choice choice = choose(served, model("run", 2, null), model("run", 3, null));
        assertThat(choice.target()).isEqualTo("run@1");
        assertThat(choice.reason())
                .isEqualTo("best: keeping run@1 (FD 40.0); no other version is scored the same way (2 unscored)");
    }

    @Test
    void scoresFromAnotherEvaluatorOrAnotherNAreTreatedAsUnscored() {
        ModelInfo served = model("run", 1, fd(40.0));
        ModelInfo otherEvaluator = model("run", 2,
                new QualityScores(1.0, 9.0, 3.3, null, 2000, "mnist-cnn-ffffffffffff"));
        ModelInfo otherN = model("run", 3, new QualityScores(1.0, 9.0, 3.3, null, 10_000, EVALUATOR));
        BestVersion.Choice choice = choose(served, otherEvaluator, otherN);
        assertThat(choice.target()).isEqualTo("run@1");
        assertThat(choice.reason()).endsWith("(2 scored by another evaluator or N)");
    }

    @Test
    void forAConditionalModelTheLabelAccuracyMustNotFall() {
        ModelInfo served = model("cgan", 1, conditional(30.0, 0.90));
        ModelInfo closerButWrongLabels = model("cgan", 2, conditional(10.0, 0.85));
        ModelInfo unconditional = model("gan", 3, fd(5.0));
        BestVersion.Choice kept = choose(served, closerButWrongLabels, unconditional);
        assertThat(kept.target()).isEqualTo("cgan@1");
        assertThat(kept.reason()).endsWith("(2 with lower label accuracy)");

        ModelInfo better = model("cgan", 4, conditional(20.0, 0.90));
        BestVersion.Choice replaced = choose(served, closerButWrongLabels, better);
        assertThat(replaced.target()).isEqualTo("cgan@4");
        assertThat(replaced.reason()).isEqualTo(
                "best: FD 20.0 < 30.0 − 3.00 (10 % margin), label accuracy 0.900 ≥ 0.900; cgan@4 replaces cgan@1");
    }

    @Test
    void anUnconditionalServedModelCanBeReplacedByAConditionalOne() {
        ModelInfo served = model("gan", 1, fd(30.0));
        assertThat(choose(served, model("cgan", 2, conditional(20.0, 0.5))).target()).isEqualTo("cgan@2");
        assertThat(new BestVersion(0.025).choose(served, List.of(model("run", 2, fd(29.0))), null).reason())
                .isEqualTo("best: FD 29.0 < 30.0 − 0.750 (2.5 % margin); run@2 replaces gan@1");
    }

    @Test
    void theShippedModelCompetesLikeAnyVersion() {
        ModelInfo ship = shipped(fd(15.0));
        ModelInfo worse = model("run", 1, fd(60.0));
        assertThat(choose(ship, ship, worse).target()).isEqualTo("shipped-mlp@30");
        assertThat(choose(worse, ship, worse).target()).isEqualTo("shipped-mlp@30");
    }

    @Test
    void whenTheServedModelIsUnscoredTheBestScoredOneWinsWithoutAMargin() {
        ModelInfo served = model("old", 1, null);
        BestVersion.Choice choice = choose(served, served, model("run", 2, fd(30.0)), model("run", 3, fd(29.9)),
                model("run", 4, null));
        assertThat(choice.target()).isEqualTo("run@3");
        assertThat(choice.reason()).isEqualTo("best: run@3 has the lowest FD (29.9, N 2000) of 2 scored versions;"
                + " old@1 is unscored");
    }

    @Test
    void withNothingServedTheBestScoredOneWins() {
        BestVersion.Choice choice = choose(null, model("run", 1, fd(8.0)));
        assertThat(choice.target()).isEqualTo("run@1");
        assertThat(choice.reason()).endsWith("of 1 scored version; nothing was served");
    }

    @Test
    void withoutAServedScoreOnlyScoresMeasuredLikeTheNewestScoredOneCompete() {
        // run@2 is the newest scored version: its evaluator and N set the scale; run@1's lower figure is on another
        ModelInfo otherScale = model("run", 1, new QualityScores(1.0, 9.0, 3.3, null, 500, EVALUATOR));
        assertThat(choose(null, otherScale, model("run", 2, fd(30.0)), model("run", 3, null)).target())
                .isEqualTo("run@2");
    }

    @Test
    void whenNothingIsScoredBestServesWhatLatestWould() {
        ModelInfo served = shipped(null);
        ModelInfo newest = model("run", 2, null);
        BestVersion.Choice choice = best.choose(served, List.of(served, model("run", 1, null), newest), newest);
        assertThat(choice.target()).isEqualTo("run@2");
        assertThat(choice.reason()).isEqualTo("best: no version is scored; run@2 is the newest");

        BestVersion.Choice keep = best.choose(served, List.of(served), null);
        assertThat(keep.target()).isEqualTo("shipped-mlp@30");
        assertThat(keep.reason()).isEqualTo("best: no version is scored; keeping shipped-mlp@30");
        assertThat(best.choose(null, List.of(), null).target()).isNull();
    }

    @Test
    void aScoredModelAloneIsKept() {
        ModelInfo served = model("run", 1, fd(3.0));
        assertThat(choose(served, served).reason()).isEqualTo("best: keeping run@1 (FD 3.00); no other version");
    }

    @Test
    void theMarginIsAFractionOfTheServedDistance() {
        ModelInfo good = model("run", 1, fd(2.0));
        assertThat(choose(good, model("run", 2, fd(1.75))).target()).isEqualTo("run@2"); // 12.5 % lower
        assertThat(choose(good, model("run", 2, fd(1.85))).reason()).isEqualTo("best: keeping run@1 (FD 2.00);"
                + " the best challenger, run@2, has FD 1.85, not < 2.00 − 0.200 (10 % margin)");
        assertThatThrownBy(() -> new BestVersion(-0.1)).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> new BestVersion(1.0)).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> new BestVersion(Double.NaN)).hasMessageContaining("[0, 1)");
    }

    @Test
    void distancesAreWrittenWithAboutThreeSignificantFigures() {
        assertThat(BestVersion.number(0.04321)).isEqualTo("0.043");
        assertThat(BestVersion.number(4.321)).isEqualTo("4.32");
        assertThat(BestVersion.number(43.21)).isEqualTo("43.2");
        assertThat(BestVersion.number(432.1)).isEqualTo("432");
    }
}
