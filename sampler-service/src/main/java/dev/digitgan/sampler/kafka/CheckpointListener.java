package dev.digitgan.sampler.kafka;

import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.EventFormatException;
import dev.digitgan.sampler.reload.ReloadCoordinator;
import dev.digitgan.sampler.reload.ReloadMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code digitgan.checkpoints} from the beginning with a group id of this replica's own (see
 * application.properties), so every replica sees every event and rebuilds the version list on start.
 * Nothing is committed: a restart must replay the topic, not resume after it.
 */
@ApplicationScoped
public class CheckpointListener {

    private static final Logger LOG = Logger.getLogger(CheckpointListener.class);

    private final EventCodec codec;
    private final ReloadCoordinator coordinator;
    private final ReloadMetrics metrics;

    public CheckpointListener(EventCodec codec, ReloadCoordinator coordinator, ReloadMetrics metrics) {
        this.codec = codec;
        this.coordinator = coordinator;
        this.metrics = metrics;
    }

    @Incoming("checkpoints")
    public void receive(byte[] payload) {
        CheckpointEvent event;
        try {
            event = codec.decode(payload, CheckpointEvent.class);
        } catch (EventFormatException e) {
            // Not ours to fix, and it must not stop the stream: count it and go on.
            metrics.eventInvalid();
            LOG.warnf("ignoring an unreadable checkpoint event: %s", e.getMessage());
            return;
        }
        coordinator.accept(event);
    }
}
