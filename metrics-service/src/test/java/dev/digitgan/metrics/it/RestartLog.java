package dev.digitgan.metrics.it;

import static dev.digitgan.metrics.aggregate.Events.checkpoint;
import static dev.digitgan.metrics.aggregate.Events.loss;
import static dev.digitgan.metrics.aggregate.Events.status;

import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.RunStatus.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What a topic holds after a trainer crashed twice and resumed from its checkpoints: steps re-sent (with other
 * values, as a resumed trainer computes them anew), checkpoints re-published, statuses out of order.
 */
final class RestartLog {

    static final int STEPS = 1_500;
    static final int STEPS_PER_EPOCH = 400;

    /** Loss, checkpoint and status events in the order the trainer sent them, each list for its own topic. */
    record Log(List<Event> losses, List<Event> checkpoints, List<Event> statuses) {
    }

    static Log of(String runId) {
        Random random = new Random(runId.hashCode());
        List<Event> losses = new ArrayList<>();
        List<Event> checkpoints = new ArrayList<>();
        for (long step = 1; step <= STEPS; step++) {
            int epoch = (int) ((step - 1) / STEPS_PER_EPOCH) + 1;
            losses.add(loss(runId, step, epoch, random.nextDouble() * 2, random.nextDouble() * 3));
            if (step % 250 == 0) {
                checkpoints.add(checkpoint(runId, step / 250, step));
            }
            // Crash at step 600 (last checkpoint at 500) and at 1_333 (last checkpoint 1_250): resent stretches.
            if (step == 600 || step == 1_333) {
                long from = step == 600 ? 501 : 1_251;
                for (long again = from; again <= step; again++) {
                    int againEpoch = (int) ((again - 1) / STEPS_PER_EPOCH) + 1;
                    losses.add(loss(runId, again, againEpoch, random.nextDouble() * 2, random.nextDouble() * 3));
                }
                checkpoints.add(checkpoint(runId, from / 250, from - 1));
            }
        }
        List<Event> statuses = List.of(status(runId, State.FINISHED, 900), status(runId, State.RUNNING, 100));
        return new Log(losses, checkpoints, statuses);
    }

    private RestartLog() {
    }
}
