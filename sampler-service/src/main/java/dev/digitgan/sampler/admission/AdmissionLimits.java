package dev.digitgan.sampler.admission;

import java.time.Duration;

/**
 * How much render work a replica takes on: {@code inFlight} cost units rendered at once (of which
 * {@code cheapReserve} only cheap requests may use), {@code queued} units that may wait up to {@code maxWait}
 * for room. Everything beyond is refused at once.
 *
 * @param inFlight    units rendered at once
 * @param reserve     units of {@code inFlight} that only requests of at most {@code cheapCost} may use
 * @param cheapCost   the largest cost that counts as cheap
 * @param queued      units that may wait for room
 * @param maxWait     the longest a queued request waits
 * @param retryAfter  what a refusal tells the client
 */
public record AdmissionLimits(long inFlight, long reserve, long cheapCost, long queued, Duration maxWait,
                              Duration retryAfter) {

    /**
     * Heap bytes allocated per cost unit while a request renders: 784 bytes of raster, the padding between tiles,
     * the PNG encoder's row copies and output buffer, the float output. Rendering the largest grid (256 digits at
     * scale 8, 16,640 units) of uniformly random grey values, the worst case for the PNG's size, allocates about
     * 43 MB, 2,571 bytes a unit ({@code RenderCostTest} measures it and fails above this figure); not all of it is
     * live at once, so this errs on the safe side.
     */
    static final long BYTES_PER_UNIT = 3072;

    /**
     * Requests rendered at once per CPU, in largest requests: one being generated or encoded while the next is
     * copied out, so the cores stay busy; more in flight only adds latency and heap.
     */
    static final int LARGEST_PER_CPU = 2;

    public AdmissionLimits {
        if (inFlight < 1 || reserve < 0 || reserve >= inFlight || cheapCost < 0 || queued < 0) {
            throw new IllegalArgumentException("admission limits out of range: in flight " + inFlight + ", reserve "
                    + reserve + ", cheap " + cheapCost + ", queued " + queued);
        }
    }

    /**
     * The limits for a replica with this heap and these CPUs, where the most expensive valid request costs
     * {@code largestRequest}. In flight: {@code heapShare} of the heap at {@link #BYTES_PER_UNIT}, but no more
     * than {@link #LARGEST_PER_CPU} largest requests per CPU, and never less than what lets the largest request
     * run beside the reserve. Settings above 0 ({@code inFlight}, {@code queued} ≥ 0) replace the derived value.
     */
    public static AdmissionLimits size(long maxHeapBytes, int cpus, long largestRequest, long inFlightSetting,
                                       long queuedSetting, double heapShare, long cheapCost, double cheapReserve,
                                       Duration maxWait, Duration retryAfter) {
        if (heapShare <= 0 || heapShare > 1 || cheapReserve < 0 || cheapReserve >= 1) {
            throw new IllegalArgumentException("heap share must be in (0, 1] and cheap reserve in [0, 1), got "
                    + heapShare + " and " + cheapReserve);
        }
        long inFlight = inFlightSetting;
        if (inFlight <= 0) {
            long byHeap = (long) (maxHeapBytes * heapShare) / BYTES_PER_UNIT;
            long byCpu = (long) Math.max(1, cpus) * LARGEST_PER_CPU * largestRequest;
            inFlight = Math.min(byHeap, byCpu);
        }
        long reserve = (long) Math.ceil(inFlight * cheapReserve);
        // The largest valid request must be able to run when nothing else does.
        inFlight = Math.max(inFlight, largestRequest + reserve);
        reserve = Math.min(reserve, inFlight - 1);
        long queued = queuedSetting >= 0 ? queuedSetting : inFlight;
        return new AdmissionLimits(inFlight, reserve, cheapCost, queued, maxWait, retryAfter);
    }

    /** The units a request of this cost may fill up to: all of them when cheap, all but the reserve otherwise. */
    long ceilingFor(long cost) {
        return isCheap(cost) ? inFlight : inFlight - reserve;
    }

    boolean isCheap(long cost) {
        return cost <= cheapCost;
    }
}
