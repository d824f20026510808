package dev.digitgan.metrics.api;

import dev.digitgan.metrics.aggregate.LossPoint;
import java.util.List;

/**
 * A run's loss curve as served by {@code GET /runs/{runId}/losses}.
 *
 * @param steps  distinct steps counted for the run
 * @param points at most {@code maxPoints} points; each is one step or the mean (with min and max) of a stretch
 */
public record LossHistoryView(String runId, long steps, int maxPoints, List<LossPoint> points) {
}
