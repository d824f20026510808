package dev.digitgan.trainer.kafka;

import dev.digitgan.model.events.Topics;
import dev.digitgan.trainer.backend.BackendInfo;
import dev.digitgan.trainer.config.TrainerConfig;
import dev.digitgan.trainer.queue.ConsumerHealth;
import dev.digitgan.trainer.queue.TakeoverScan;
import dev.digitgan.trainer.storage.CheckpointStore;
import dev.digitgan.trainer.storage.StorageException;
import dev.digitgan.trainer.training.RunTrainer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts this instance's presence in the trainers' group and its request worker when the application starts and
 * stops them (leaving the current run resumable) when it shuts down; routes STOP commands to the worker.
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
    private volatile TrainerPresence presence;
    private volatile KafkaLiveTrainers liveTrainers;

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
        TrainerPresence p = new TrainerPresence(new TrainerPresence.Settings(config.instanceId(), bootstrapServers,
                Topics.TRAINER_PRESENCE_GROUP, Topics.RUN_CONTROL, config.takeoverAfter()), this::onFenced);
        presence = p;
        p.start();
        KafkaLiveTrainers live = new KafkaLiveTrainers(bootstrapServers, Topics.TRAINER_PRESENCE_GROUP);
        liveTrainers = live;
        TakeoverScan takeovers = new TakeoverScan(config.instanceId(), view, new RunIdLogTakeoverClaims(runIds,
                config.instanceId(), config.statusCatchUpTimeout(), new AckWait(config.requestKafkaAckWait(),
                TrainerConfig.REQUEST_KAFKA_ACK_WAIT)), live, config.statusCatchUpTimeout(), config.takeOverOthers());
        RequestWorker w = new RequestWorker(new RequestWorker.Settings(config.instanceId(), bootstrapServers,
                Topics.TRAINING_REQUESTS, Topics.TRAINER_GROUP, config.pollTimeout(), config.statusCatchUpTimeout(),
                config.retryPause(), scanEvery(config.takeoverAfter())),
                view, trainer, events, takeovers);
        worker = w;
        w.start();
    }

    /** A third of the take-over time, between 1 and 10 s: a take-over waits the time, plus at most this. */
    static Duration scanEvery(Duration takeoverAfter) {
        Duration third = takeoverAfter.dividedBy(3);
        return third.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : third.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : third;
    }

    /** Another process took this instance id: it resumes the id's runs, so this one leaves them. */
    private void onFenced() {
        RequestWorker w = worker;
        if (w != null) {
            new Thread(w::close, "trainer-fenced-" + config.instanceId()).start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        RequestWorker w = worker;
        if (w != null) {
            w.close();
        }
        TrainerPresence p = presence;
        if (p != null) {
            p.close();
        }
        KafkaLiveTrainers live = liveTrainers;
        if (live != null) {
            live.close();
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
        TrainerPresence p = presence;
        if (!config.workerEnabled()) {
            return List.of(view.health(), runIds.health(), workerHealth);
        }
        ConsumerHealth presenceHealth = p == null ? new ConsumerHealth("trainer-presence", false, "not started")
                : p.health();
        return List.of(view.health(), runIds.health(), workerHealth, presenceHealth);
    }

    /** False once the worker thread has died (it should only end at shutdown). */
    public boolean workerHealthy() {
        RequestWorker w = worker;
        return !config.workerEnabled() || (w != null && w.isAlive());
    }
}
