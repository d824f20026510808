package dev.digitgan.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * A metrics service that was SIGKILLed and started again, against one that ran through: the run's {@code gan_*}
 * series of both (name and labels to the value as scraped), and the counts against what the topics hold.
 *
 * @param series     series of the run on the reference instance
 * @param differing  series missing on either side or with another value, as {@code name: restarted vs reference}
 * @param countsGap  how the restarted instance's counts differ from the topics (empty: they agree)
 */
record MetricsComparison(int series, List<String> differing, List<String> countsGap) {

    static MetricsComparison of(SortedMap<String, String> restarted, SortedMap<String, String> reference,
                                RunWatch.RunRecord topics, String runId) {
        List<String> differing = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(restarted.keySet());
        names.addAll(reference.keySet());
        for (String name : names) {
            String a = restarted.get(name);
            String b = reference.get(name);
            if (a == null || !a.equals(b)) {
                differing.add(name + ": " + a + " vs " + b);
            }
        }
        List<String> gap = new ArrayList<>();
        String label = "{run_id=\"" + runId + "\"}";
        expect(gap, restarted, "gan_loss_events_total" + label, topics.losses().distinct());
        expect(gap, restarted, "gan_checkpoints_published_total" + label, topics.checkpoints().announced());
        return new MetricsComparison(reference.size(), differing, gap);
    }

    private static void expect(List<String> gap, SortedMap<String, String> series, String name, long onTopics) {
        String value = series.get(name);
        if (value == null || Double.parseDouble(value) != onTopics) {
            gap.add(name + " " + value + " but " + onTopics + " on the topics");
        }
    }

    /** The goal: the restart changed nothing a scrape shows, and the counts are the topics'. */
    boolean identical() {
        return series > 0 && differing.isEmpty() && countsGap.isEmpty();
    }

    String figures() {
        String out = String.format("metrics after SIGKILL + restart: %d/%d gan_* series equal to the uninterrupted "
                + "instance", series - differing.size(), series);
        if (!differing.isEmpty()) {
            out += " (differing: " + differing + ")";
        }
        return out + (countsGap.isEmpty() ? ", steps and checkpoints counted as on the topics"
                : ", counts unlike the topics: " + countsGap);
    }
}
