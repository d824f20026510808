package dev.digitgan.metrics.api;

import dev.digitgan.metrics.aggregate.LossPoint;
import dev.digitgan.model.events.LossEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

/**
 * Broadcasts newly counted steps to the server-sent-event subscribers. A subscriber that cannot keep up
 * loses points (they remain in the history endpoint) rather than slowing the consumer down.
 */
@Singleton
public class LossStream {

    private final BroadcastProcessor<LossEvent> processor = BroadcastProcessor.create();

    public void publish(LossEvent event) {
        processor.onNext(event);
    }

    /** The points of one run from now on. */
    public Multi<LossPoint> follow(String runId) {
        return processor
                .onOverflow().drop()
                .select().where(event -> runId.equals(event.runId()))
                .map(LossPoint::of);
    }

    @PreDestroy
    void close() {
        processor.onComplete();
    }
}
