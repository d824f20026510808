package dev.digitgan.sampler.admission;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Charges requests against {@link AdmissionLimits}: {@link #admit(long)} returns a {@link Permit} (closing it gives
 * the units back) or throws {@link OverloadedException}, at once when the queue is full and after
 * {@link AdmissionLimits#maxWait()} when room does not come in time. {@link Admission} makes each decision; this
 * class only keeps the counts and the waiting order. Plain Java, so it is tested without a server.
 */
public final class AdmissionControl {

    private final AdmissionLimits limits;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    /** Expensive requests waiting, in arrival order (cheap ones need no place in line). */
    private final Deque<Object> expensiveLine = new ArrayDeque<>();
    private long inFlight;
    private long queued;
    private long admitted;
    private long waited;
    private long refused;

    public AdmissionControl(AdmissionLimits limits) {
        this.limits = limits;
    }

    /** A request's hold on its units; close it when the response is rendered. */
    public final class Permit implements AutoCloseable {

        private final long units;
        private boolean closed;

        private Permit(long units) {
            this.units = units;
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (!closed) {
                    closed = true;
                    inFlight -= units;
                    released.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Waits for room for a request of this cost ({@link RenderCost}), or refuses it. */
    public Permit admit(long cost) {
        long units = Admission.charge(limits, cost);
        lock.lock();
        try {
            Admission.Decision decision = Admission.decide(limits, inFlight, queued, !expensiveLine.isEmpty(), units);
            if (decision == Admission.Decision.RUN) {
                return start(units);
            }
            if (decision == Admission.Decision.REFUSE) {
                refused++;
                throw new OverloadedException("the sampler is busy: " + inFlight
                        + " units of render work in flight and " + queued + " queued (limits " + limits.inFlight()
                        + " and " + limits.queued() + "); this request costs " + cost + ". Retry later",
                        limits.retryAfter());
            }
            return await(units, cost);
        } finally {
            lock.unlock();
        }
    }

    private Permit await(long units, long cost) {
        Object place = new Object();
        boolean cheap = limits.isCheap(units);
        if (!cheap) {
            expensiveLine.addLast(place);
        }
        queued += units;
        waited++;
        long nanos = limits.maxWait().toNanos();
        try {
            while (!Admission.mayStart(limits, inFlight, !cheap && expensiveLine.peekFirst() != place, units)) {
                if (nanos <= 0) {
                    refused++;
                    throw new OverloadedException("the sampler is busy: no room for this request (cost " + cost
                            + ") within " + limits.maxWait().toMillis() + " ms. Retry later", limits.retryAfter());
                }
                nanos = released.awaitNanos(nanos);
            }
            return start(units);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refused++;
            throw new OverloadedException("the sampler is shutting down. Retry later", limits.retryAfter());
        } finally {
            queued -= units;
            if (!cheap) {
                expensiveLine.remove(place);
                // The next in line may fit now that this one is out of the way.
                released.signalAll();
            }
        }
    }

    private Permit start(long units) {
        inFlight += units;
        admitted++;
        return new Permit(units);
    }

    public AdmissionLimits limits() {
        return limits;
    }

    /** The counts now, for metrics and tests. */
    public Snapshot snapshot() {
        lock.lock();
        try {
            return new Snapshot(inFlight, queued, admitted, waited, refused);
        } finally {
            lock.unlock();
        }
    }

    /**
     * @param inFlight units being rendered
     * @param queued   units waiting
     * @param admitted requests admitted so far (at once or after waiting)
     * @param waited   requests that had to wait
     * @param refused  requests refused (at once or after waiting)
     */
    public record Snapshot(long inFlight, long queued, long admitted, long waited, long refused) {
    }
}
