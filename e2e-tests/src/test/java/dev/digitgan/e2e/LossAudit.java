package dev.digitgan.e2e;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;

/**
 * One run's loss events as the topic holds them: every step 1..total must be there (one event per training step).
 * A step may be there twice: after a crash the steps since the last checkpoint are trained again and published
 * again (consumers drop duplicates by run and step), so re-sent steps are a figure, not a loss.
 *
 * @param expected the steps the run trained: all of them once FINISHED, else as far as its last status says
 * @param total    the run's planned steps
 * @param distinct steps present
 * @param lost     steps 1..expected that no event carries
 * @param resent   events beyond the first of a step: the steps trained again
 */
record LossAudit(long expected, long total, int distinct, List<Long> lost, int resent) {

    static LossAudit of(long trainedSteps, long totalSteps, Collection<Long> steps) {
        Set<Long> seen = new TreeSet<>(steps);
        List<Long> lost = LongStream.rangeClosed(1, trainedSteps).boxed().filter(s -> !seen.contains(s)).toList();
        return new LossAudit(trainedSteps, totalSteps, seen.size(), lost, steps.size() - seen.size());
    }

    /** The goal: every step's event is on the topic. */
    boolean intact() {
        return lost.isEmpty() && expected > 0;
    }

    String figures() {
        String missing = lost.size() <= 10 ? lost.toString() : lost.subList(0, 10) + "...";
        return String.format("loss events %,d/%,d%s, %,d lost%s", distinct, expected,
                expected == total ? "" : String.format(" (of the steps trained; %,d planned)", total), lost.size(),
                lost.isEmpty() ? "" : " " + missing);
    }
}
