package dev.digitgan.sampler.admission;

/**
 * The admission decision, a plain function of the work in flight and queued: run now, wait for room, or refuse.
 * Expensive requests are served in arrival order (one that arrives while another expensive one waits, waits
 * behind it); cheap ones start whenever they fit, and may use the reserve, so a storm of expensive requests
 * cannot make a cheap one wait.
 */
public final class Admission {

    /** What to do with a request. */
    public enum Decision {
        /** It fits now. */
        RUN,
        /** It does not fit now but the queue has room: wait (at most {@link AdmissionLimits#maxWait()}). */
        WAIT,
        /** Neither: answer 503 at once. */
        REFUSE
    }

    private Admission() {
    }

    /**
     * @param inFlight           units being rendered now
     * @param queued             units waiting
     * @param expensiveWaiting   whether an expensive request is already waiting (expensive requests keep order)
     * @param cost               this request's cost ({@link #charge(AdmissionLimits, long)})
     */
    public static Decision decide(AdmissionLimits limits, long inFlight, long queued, boolean expensiveWaiting,
                                  long cost) {
        if (mayStart(limits, inFlight, expensiveWaiting, cost)) {
            return Decision.RUN;
        }
        return queued + cost <= limits.queued() ? Decision.WAIT : Decision.REFUSE;
    }

    /**
     * Whether a request may start now. A waiting request asks again after every release, with
     * {@code expensiveAhead} true when an expensive request that arrived before it still waits.
     */
    public static boolean mayStart(AdmissionLimits limits, long inFlight, boolean expensiveAhead, long cost) {
        boolean inOrder = limits.isCheap(cost) || !expensiveAhead;
        return inOrder && inFlight + cost <= limits.ceilingFor(cost);
    }

    /**
     * What a request is charged: its cost, but no more than its ceiling, so that a request larger than the whole
     * budget (only possible with hand-set limits below the largest request) still runs, alone.
     */
    public static long charge(AdmissionLimits limits, long cost) {
        return Math.max(1, Math.min(cost, limits.ceilingFor(cost)));
    }
}
