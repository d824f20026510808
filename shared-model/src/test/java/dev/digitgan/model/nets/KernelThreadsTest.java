package dev.digitgan.model.nets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Blocks are shared out in contiguous ranges, each once, the caller taking the first; small work stays inline. */
class KernelThreadsTest {

    private static final long LARGE = 100 * KernelThreads.MIN_VALUES_PER_THREAD;

    private record Range(int from, int to, String thread) {
    }

    @Test
    void everyBlockRunsOnceInOneRangePerThreadTheFirstOnTheCaller() {
        KernelThreads threads = new KernelThreads(3);
        List<Range> ranges = new CopyOnWriteArrayList<>();
        threads.forEachBlock(10, LARGE, (from, to) -> ranges.add(new Range(from, to,
                Thread.currentThread().getName())));
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingInt(Range::from));
        assertThat(sorted).hasSize(3);
        assertThat(sorted.get(0).from()).isZero();
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i).from()).as("range %d starts where the one before ends", i)
                    .isEqualTo(sorted.get(i - 1).to());
        }
        assertThat(sorted.get(2).to()).isEqualTo(10);
        assertThat(sorted.get(0).thread()).isEqualTo(Thread.currentThread().getName());
        assertThat(sorted.subList(1, 3)).allSatisfy(r -> assertThat(r.thread()).startsWith("digitgan-kernel-"));
    }

    @Test
    void smallWorkAndASingleThreadRunInlineOnTheCaller() {
        String caller = Thread.currentThread().getName();
        List<Range> small = new ArrayList<>();
        new KernelThreads(3).forEachBlock(10, KernelThreads.MIN_VALUES_PER_THREAD, (from, to) -> small.add(
                new Range(from, to, Thread.currentThread().getName())));
        assertThat(small).containsExactly(new Range(0, 10, caller));
        List<Range> single = new ArrayList<>();
        new KernelThreads(1).forEachBlock(10, LARGE, (from, to) -> single.add(
                new Range(from, to, Thread.currentThread().getName())));
        assertThat(single).containsExactly(new Range(0, 10, caller));
    }

    @Test
    void aWorkersFailureReachesTheCallerAfterEveryRangeHasRun() {
        KernelThreads threads = new KernelThreads(2);
        AtomicInteger finished = new AtomicInteger();
        assertThatThrownBy(() -> threads.forEachBlock(4, LARGE, (from, to) -> {
            if (from > 0) {
                throw new IllegalStateException("range from " + from);
            }
            sleep();
            finished.incrementAndGet();
        })).isInstanceOf(IllegalStateException.class).hasMessage("range from 2");
        assertThat(finished).hasValue(1);
    }

    @Test
    void refusesNoThreads() {
        assertThatThrownBy(() -> new KernelThreads(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
