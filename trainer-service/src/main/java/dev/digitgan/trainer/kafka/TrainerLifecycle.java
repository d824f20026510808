package dev.digitgan.trainer.kafka;

import dev.digitgan.model.events.Topics;
import dev.digitgan.trainer.backend.BackendInfo;
import dev.digitgan.trainer.config.TrainerConfig;
import dev.digitgan.trainer.queue.ConsumerHealth;
import dev.digitgan.trainer.storage.CheckpointStore;
import dev.digitgan.trainer.storage.StorageException;
import dev.digitgan.trainer.training.RunTrainer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts this instance's request worker when the application starts and stops it (leaving the current run
 * resumable) when it shuts down; routes STOP commands to it.
 */
@ApplicationScoped
public class TrainerLifecycle {

    private static final Logger LOG = Logger.getLogger(TrainerLifecycle.class);

    private final TrainerConfig config;
    private final String bootstrapServers;
    private final RunStatusView view;
    private final RunTrainer trainer;
    private final CheckpointStore store;
    private final TrainerEvents events;
    private final KafkaRunIdLog runIds;
    private volatile RequestWorker worker;

    public TrainerLifecycle(TrainerConfig config,
                            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                            RunStatusView view, KafkaRunIdLog runIds, RunTrainer trainer, CheckpointStore store,
                            TrainerEvents events) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.view = view;
        this.runIds = runIds;
        this.trainer = trainer;
        this.store = store;
        this.events = events;
    }

    void onStart(@Observes StartupEvent event) {
        LOG.infof("trainer instance %s; %s", config.instanceId(), BackendInfo.current().describe());
        if (config.createTopics()) {
            try {
                KafkaTopics.ensure(bootstrapServers, Topics.policies(config.lossEventsRetention()),
                        config.statusCatchUpTimeout());
            } catch (TimeoutException | RuntimeException e) {
                // Not fatal: Kafka may come later; readiness reports it and the worker keeps retrying.
                LOG.warnf("could not make sure the Kafka topics exist: %s", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        try {
            store.ensureBucket();
        } catch (StorageException e) {
            // Not fatal: readiness reports it, and each checkpoint tries again.
            LOG.warnf("S3 not ready at startup: %s", e.getMessage());
        }
        if (!config.workerEnabled()) {
            LOG.info("request worker disabled (digitgan.trainer.worker-enabled=false): this instance trains nothing");
            return;
        }
        RequestWorker w = new RequestWorker(new RequestWorker.Settings(config.instanceId(), bootstrapServers,
                Topics.TRAINING_REQUESTS, Topics.TRAINER_GROUP, config.pollTimeout(), config.statusCatchUpTimeout(),
                config.retryPause()),
                view, trainer, events);
        worker = w;
        w.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        RequestWorker w = worker;
        if (w != null) {
            w.close();
        }
    }

    /** Passes a STOP command to the worker; it acts if it trains (or is about to train) that run. */
    public void requestStop(String runId) {
        RequestWorker w = worker;
        if (w != null) {
            w.requestStop(runId);
        }
    }

    /** The run this instance is training, if any. */
    public Optional<String> activeRun() {
        RequestWorker w = worker;
        return w == null ? Optional.empty() : w.activeRun();
    }

    /** The run-status view, the run-id view and the request worker, for readiness. */
    public List<ConsumerHealth> consumers() {
        RequestWorker w = worker;
        ConsumerHealth workerHealth = !config.workerEnabled()
                ? new ConsumerHealth("request-worker", true, "disabled (digitgan.trainer.worker-enabled=false)")
                : w == null ? new ConsumerHealth("request-worker", false, "not started") : w.health();
        return List.of(view.health(), runIds.health(), workerHealth);
    }

    /** False once the worker thread has died (it should only end at shutdown). */
    public boolean workerHealthy() {
        RequestWorker w = worker;
        return !config.workerEnabled() || (w != null && w.isAlive());
    }
}
