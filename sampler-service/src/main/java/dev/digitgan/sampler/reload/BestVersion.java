package dev.digitgan.sampler.reload;

import dev.digitgan.model.quality.QualityScores;
import dev.digitgan.sampler.model.ModelInfo;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code best} policy's decision, as a plain function of what is served and what could be: serve the loadable
 * version with the lowest Fréchet distance, and replace the served one only when another's is lower by more than
 * {@code margin}, a fraction of the served one's.
 * <ul>
 *   <li>Only scores measured the same way compare: same evaluator (classifier and reference statistics) and the
 *       same N ({@link QualityScores#comparableWith}). The Fréchet distance is biased upwards at small N and lives
 *       in the feature space of one classifier, so a figure from another evaluator or N says nothing about being
 *       better: such a version is treated as unscored.</li>
 *   <li>An unscored version never replaces a scored one: nothing shows it is not worse.</li>
 *   <li>For a conditional model the label accuracy must not fall either (a model drawing clean digits of the
 *       wrong class is not better).</li>
 *   <li>The margin keeps the served model when a challenger is better only by the noise of the estimate, so a
 *       run of near-equal checkpoints does not cause a reload each.</li>
 *   <li>When the served model is unscored (or nothing is served), the best-scored version wins outright; when no
 *       version is scored at all, {@code best} serves what {@code latest} would.</li>
 * </ul>
 * Every decision comes with a reason in words, which the web page shows
 * ("best: FD 18.2 &lt; 24.9 − 2.49 (10 % margin); run@5 replaces run@3").
 */
public final class BestVersion {

    private final double margin;

    /**
     * @param margin how much lower a challenger's Fréchet distance must be, as a fraction of the served model's:
     *               0.1 asks for 10 % lower. A fraction, not a distance, because the estimate's noise grows with the
     *               distance (README "Version policy" has the figures)
     */
    public BestVersion(double margin) {
        if (!(margin >= 0 && margin < 1)) {
            throw new IllegalArgumentException("the best policy's margin must be a fraction in [0, 1), got " + margin);
        }
        this.margin = margin;
    }

    /**
     * What to serve, and why.
     *
     * @param target the version to serve ({@code runId@version}); the served one when it stays, null when there is
     *               nothing to serve
     */
    public record Choice(String target, String reason) {
    }

    /**
     * @param serving  the model served now, null before any
     * @param loadable every version that may be served (not rejected), the shipped model included; the served
     *                 one may be among them
     * @param newest   the version {@code latest} would serve (null if none), used when nothing is scored
     */
    public Choice choose(ModelInfo serving, List<ModelInfo> loadable, ModelInfo newest) {
        List<ModelInfo> others = loadable.stream()
                .filter(m -> serving == null || !m.modelVersion().equals(serving.modelVersion()))
                .sorted(VersionRegistry.NEWEST_INFO_FIRST).toList(); // so among equal distances the newest wins
        if (serving != null && serving.quality() != null) {
            return challenge(serving, others);
        }
        List<ModelInfo> scored = others.stream().filter(m -> m.quality() != null).toList();
        if (scored.isEmpty()) {
            return unscored(serving, newest);
        }
        return bestScored(serving, scored);
    }

    /** The served model is scored: a challenger must be measured alike, keep the label accuracy, and beat it. */
    private Choice challenge(ModelInfo serving, List<ModelInfo> others) {
        QualityScores current = serving.quality();
        int unscored = 0;
        int incomparable = 0;
        List<String> accuracyFell = new ArrayList<>();
        ModelInfo best = null;
        for (ModelInfo m : others) {
            QualityScores q = m.quality();
            if (q == null) {
                unscored++;
            } else if (!q.comparableWith(current)) {
                incomparable++;
            } else if (!accuracyHolds(current, q)) {
                accuracyFell.add(m.modelVersion());
            } else if (best == null || q.frechetDistance() < best.quality().frechetDistance()) {
                best = m;
            }
        }
        double required = current.frechetDistance() * margin;
        String bar = number(current.frechetDistance()) + " − " + number(required) + " (" + percent(margin)
                + " margin)";
        if (best != null && best.quality().frechetDistance() < current.frechetDistance() - required) {
            QualityScores q = best.quality();
            String accuracy = current.conditional() ? ", label accuracy " + share(q.labelAccuracy()) + " ≥ "
                    + share(current.labelAccuracy()) : "";
            return new Choice(best.modelVersion(), "best: FD " + number(q.frechetDistance()) + " < " + bar + accuracy
                    + "; " + best.modelVersion() + " replaces " + serving.modelVersion());
        }
        StringBuilder reason = new StringBuilder("best: keeping " + serving.modelVersion() + " (FD "
                + number(current.frechetDistance()) + ")");
        if (best != null) {
            reason.append("; the best challenger, ").append(best.modelVersion()).append(", has FD ")
                    .append(number(best.quality().frechetDistance())).append(", not < ").append(bar);
        } else if (others.isEmpty()) {
            reason.append("; no other version");
        } else {
            reason.append("; no other version is scored the same way");
        }
        List<String> skipped = new ArrayList<>();
        if (unscored > 0) {
            skipped.add(unscored + " unscored");
        }
        if (incomparable > 0) {
            skipped.add(incomparable + " scored by another evaluator or N");
        }
        if (!accuracyFell.isEmpty()) {
            skipped.add(accuracyFell.size() + " with lower label accuracy");
        }
        if (!skipped.isEmpty()) {
            reason.append(" (").append(String.join(", ", skipped)).append(")");
        }
        return new Choice(serving.modelVersion(), reason.toString());
    }

    /**
     * Nothing scored is served: the lowest distance among the versions measured like the newest scored one (what
     * the trainers measure with now) wins, without a margin, since there is nothing to compare it with.
     */
    private Choice bestScored(ModelInfo serving, List<ModelInfo> scored) {
        QualityScores scale = scored.get(0).quality();
        List<ModelInfo> alike = scored.stream().filter(m -> m.quality().comparableWith(scale)).toList();
        ModelInfo best = alike.get(0);
        for (ModelInfo m : alike) {
            if (m.quality().frechetDistance() < best.quality().frechetDistance()) {
                best = m;
            }
        }
        return new Choice(best.modelVersion(), "best: " + best.modelVersion() + " has the lowest FD ("
                + number(best.quality().frechetDistance()) + ", N " + scale.samples() + ") of " + alike.size()
                + " scored version" + (alike.size() == 1 ? "" : "s") + "; "
                + (serving == null ? "nothing was served" : serving.modelVersion() + " is unscored"));
    }

    /** No version has scores: nothing tells them apart, so {@code best} serves what {@code latest} would. */
    private Choice unscored(ModelInfo serving, ModelInfo newest) {
        if (newest == null) {
            return new Choice(serving == null ? null : serving.modelVersion(), "best: no version is scored"
                    + (serving == null ? " and none is loadable" : "; keeping " + serving.modelVersion()));
        }
        return new Choice(newest.modelVersion(), "best: no version is scored; " + newest.modelVersion()
                + " is the newest");
    }

    private static boolean accuracyHolds(QualityScores current, QualityScores challenger) {
        return !current.conditional()
                || challenger.conditional() && challenger.labelAccuracy() >= current.labelAccuracy();
    }

    /** Three significant figures or so: distances range from below 1 to the hundreds. */
    static String number(double x) {
        double a = Math.abs(x);
        String format = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, format, x);
    }

    private static String percent(double fraction) {
        return BigDecimal.valueOf(100 * fraction).round(new MathContext(3)).stripTrailingZeros().toPlainString() + " %";
    }

    private static String share(double x) {
        return String.format(Locale.ROOT, "%.3f", x);
    }
}
