package dev.digitgan.trainer.progress;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * Training speed over the most recent steps, and the time left at that speed. A window rather than the run's
 * average because the first steps include JIT warm-up and a resumed run's history is not in this process.
 * Used by one training thread; not thread-safe.
 */
public final class ProgressMeter {

    private record Mark(long nanos, long images) {
    }

    private final int window;
    private final LongSupplier nanoClock;
    private final ArrayDeque<Mark> marks = new ArrayDeque<>();
    private long images;

    /**
     * @param window    steps averaged over (at least 1)
     * @param nanoClock monotonic time in nanoseconds ({@code System::nanoTime} outside tests)
     */
    public ProgressMeter(int window, LongSupplier nanoClock) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1 step, got " + window);
        }
        this.window = window;
        this.nanoClock = nanoClock;
        marks.addLast(new Mark(nanoClock.getAsLong(), 0));
    }

    public static ProgressMeter systemClock() {
        return new ProgressMeter(50, System::nanoTime);
    }

    /** Records that a step over {@code batchImages} real images just finished. */
    public void stepDone(int batchImages) {
        images += batchImages;
        marks.addLast(new Mark(nanoClock.getAsLong(), images));
        while (marks.size() > window + 1) {
            marks.removeFirst();
        }
    }

    /** Images per second over the window; 0 before the first step. */
    public double imagesPerSecond() {
        Mark first = marks.peekFirst();
        Mark last = marks.peekLast();
        long nanos = last.nanos() - first.nanos();
        if (nanos <= 0 || last.images() == first.images()) {
            return 0;
        }
        return (last.images() - first.images()) * 1e9 / nanos;
    }

    /** Seconds per step over the window; 0 before the first step. */
    public double secondsPerStep() {
        int steps = marks.size() - 1;
        if (steps == 0) {
            return 0;
        }
        return (marks.peekLast().nanos() - marks.peekFirst().nanos()) / 1e9 / steps;
    }

    /** Time for {@code stepsLeft} more steps at the current speed; empty until a step was measured. */
    public java.util.Optional<Duration> timeLeft(long stepsLeft) {
        double perStep = secondsPerStep();
        if (perStep <= 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Duration.ofMillis(Math.round(perStep * Math.max(0, stepsLeft) * 1000)));
    }

    /** "1h02m", "3m05s", "12s": compact enough for a progress line. */
    public static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s >= 3600) {
            return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
