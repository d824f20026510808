package dev.digitgan.trainer.queue;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Whether an idle trainer instance should try to take an unfinished run over, and under which claim.
 *
 * <p>A run's owner is the instance its newest status names, or, if take-over claims were made since that status,
 * the winner of the last of them (a winner that died before publishing its own RUNNING status still owns the run).
 * The claims of one status are numbered {@code <run>@<position>#1, #2, ...}; an idle instance claims the next
 * number when the owner is not a live member of the presence group, or is itself (its previous life's run). The
 * first claim of a key in the claim log wins (the run-id log's rule), so of all the instances that try, exactly one
 * resumes the run. Every instance derives the same key once its views are caught up: a dead owner writes no further
 * status, so the newest status's position is the same for all of them, and a winner's RUNNING status moves the run
 * to a new position whose owner is alive.
 *
 * @param claimKey the key to claim, for {@link Action#CLAIM}
 * @param owner    the run's owner as decided
 */
public record TakeoverDecision(Action action, String claimKey, String owner) {

    public enum Action {
        /** The owner is alive (or the run is not for taking): nothing to do. */
        LEAVE,
        /** Claim {@link #claimKey()}; train the run on from its newest checkpoint if the claim wins. */
        CLAIM
    }

    /** The claim key of the {@code n}th take-over of a run from the status at {@code position}. */
    public static String claimKey(String runId, String position, int n) {
        return runId + "@" + position + "#" + n;
    }

    /**
     * @param run       the run's newest status and its position
     * @param claimant  the instance whose claim of a key came first, if the key was claimed
     * @param live      the instances in the presence group now
     * @param me        this instance, which is idle (it trains one run at a time and decides only between runs)
     * @param others    whether runs of other instances are taken over, or only this instance's own
     */
    public static TakeoverDecision decide(StatusAt run, Function<String, Optional<String>> claimant, Set<String> live,
                                          String me, boolean others) {
        String owner = run.status().trainer();
        int n = 0;
        for (Optional<String> c = claimant.apply(claimKey(run.runId(), run.position(), 1)); c.isPresent();
             c = claimant.apply(claimKey(run.runId(), run.position(), n + 1))) {
            n++;
            owner = c.get();
        }
        String next = claimKey(run.runId(), run.position(), n + 1);
        if (me.equals(owner) || (others && (owner == null || !live.contains(owner)))) {
            return new TakeoverDecision(Action.CLAIM, next, owner);
        }
        return new TakeoverDecision(Action.LEAVE, next, owner);
    }
}
