package dev.digitgan.trainer.queue;

import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.EventFormatException;
import dev.digitgan.model.events.RunCommand;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Every instance sees every run command (its own consumer group, see application.properties); the instance
 * training the run acts on it.
 */
@ApplicationScoped
public class RunControlListener {

    private static final Logger LOG = Logger.getLogger(RunControlListener.class);

    private final TrainerLifecycle lifecycle;
    private final EventCodec codec = new EventCodec();

    public RunControlListener(TrainerLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Incoming("run-control")
    public void onCommand(byte[] payload) {
        RunCommand command;
        try {
            command = codec.decode(payload, RunCommand.class);
        } catch (EventFormatException e) {
            LOG.warnf("ignoring unreadable run command: %s", e.getMessage());
            return;
        }
        if (command.action() == RunCommand.Action.STOP) {
            lifecycle.requestStop(command.runId());
        }
    }
}
