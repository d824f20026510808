package dev.digitgan.trainer.kafka;

import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.Topics;
import dev.digitgan.model.events.TrainingRequest;
import dev.digitgan.trainer.queue.ConsumerHealth;
import dev.digitgan.trainer.queue.DeadLetters;
import dev.digitgan.trainer.queue.QueuedRecord;
import dev.digitgan.trainer.queue.RequestDecision;
import dev.digitgan.trainer.queue.RequestHandler;
import dev.digitgan.trainer.queue.ResumeDecision;
import dev.digitgan.trainer.queue.RunControl;
import dev.digitgan.trainer.queue.RunStatuses;
import dev.digitgan.trainer.queue.StatusAt;
import dev.digitgan.trainer.queue.TakeoverScan;
import dev.digitgan.trainer.training.RunTrainer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Takes training requests off the work queue one at a time and trains them, on its own thread.
 *
 * <p>The request topic is a work queue shared by the consumer group {@link Topics#TRAINER_GROUP}. The worker
 * polls one record at a time and lets {@link RequestHandler} decide about it (claim, skip, retry, dead-letter);
 * it commits what is decided, seeks back to what is to be retried, and after a claim leaves the group for the
 * length of the run, so that the partitions go to instances that are idle instead of waiting behind a run that
 * takes an hour. When the run is over it subscribes again. On start, before taking new requests, and every few
 * seconds while idle, it takes over unfinished runs whose trainer has left the presence group or was this instance
 * before it died ({@link TakeoverScan}): exactly one instance wins each.
 *
 * <p>It outlives a broker outage: the consumer reconnects by itself, a decision that needed Kafka is retried from
 * the same offset, and a Kafka call that timed out is tried again after a pause. Only an error that retrying
 * cannot cure ends the thread, which {@link #health()} reports.
 */
public final class RequestWorker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RequestWorker.class);
    /** Pause before looking for the MNIST files again (someone may be fetching them). */
    private static final Duration DATA_RETRY = Duration.ofSeconds(30);
    /** Default pause before retrying a request whose writes failed (S3 or Kafka unreachable), to not spin. */
    static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

    /**
     * @param instanceId     names this instance in RUNNING statuses; stable across restarts
     * @param topic          the request queue (normally {@link Topics#TRAINING_REQUESTS})
     * @param group          the trainers' consumer group (normally {@link Topics#TRAINER_GROUP})
     * @param catchUpTimeout how long to wait for the run-status view before deciding about a request
     * @param retryPause     pause before a request whose claim failed is read again
     * @param scanEvery      how often an idle worker looks for runs to take over ({@link TakeoverScan})
     */
    public record Settings(String instanceId, String bootstrapServers, String topic, String group,
                           Duration pollTimeout, Duration catchUpTimeout, Duration retryPause, Duration scanEvery) {

        public Settings(String instanceId, String bootstrapServers, String topic, String group,
                        Duration pollTimeout, Duration catchUpTimeout) {
            this(instanceId, bootstrapServers, topic, group, pollTimeout, catchUpTimeout, RETRY_PAUSE,
                    Duration.ofSeconds(2));
        }
    }

    private final Settings settings;
    private final RunStatuses statuses;
    private final RunTrainer trainer;
    private final RequestHandler handler;
    private final TakeoverScan takeovers;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RunControl active;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile String stopReason = "not started";

    public RequestWorker(Settings settings, RunStatusView view, RunTrainer trainer, TrainerEvents events,
                         TakeoverScan takeovers) {
        this.settings = settings;
        this.takeovers = takeovers;
        this.statuses = view;
        this.trainer = trainer;
        DeadLetters deadLetters = (record, reason) -> Acks.await(events.deadLetter(record.topic(),
                record.partition(), record.offset(), record.key(), record.value(), reason),
                settings.catchUpTimeout());
        this.handler = new RequestHandler(settings.instanceId(), settings.catchUpTimeout(), settings.retryPause(),
                view, trainer, deadLetters);
        this.thread = new Thread(this::run, "trainer-worker-" + settings.instanceId());
    }

    public void start() {
        thread.start();
    }

    public String instanceId() {
        return settings.instanceId();
    }

    /** The run this worker is training right now, if any. */
    public Optional<String> activeRun() {
        RunControl control = active;
        return control == null ? Optional.empty() : Optional.of(control.runId());
    }

    /** A STOP command: the run stops after its current step if this worker trains it. */
    public void requestStop(String runId) {
        RunControl control = active;
        if (control != null && control.runId().equals(runId)) {
            LOG.infof("stop requested for run %s: stopping after the current step", runId);
            control.requestStop();
        } else {
            handler.rememberStop(runId);
        }
    }

    /**
     * Stops taking requests and leaves the current run after its current step (with a checkpoint if the trainer
     * is configured to), its status still RUNNING so that this instance resumes it when it comes back.
     */
    @Override
    public void close() {
        running = false;
        RunControl control = active;
        if (control != null) {
            control.requestShutdown();
        }
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(Duration.ofMinutes(1).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warnf("worker %s did not stop within a minute", settings.instanceId());
        }
    }

    /** True while the worker thread runs (for a liveness check). */
    public boolean isAlive() {
        return thread.isAlive();
    }

    /** Up while the worker thread runs; it ends only at shutdown or on an error retrying cannot cure. */
    public ConsumerHealth health() {
        if (thread.isAlive()) {
            return new ConsumerHealth("request-worker", true, activeRun().map(r -> "training " + r)
                    .orElse("waiting for requests on " + settings.topic()));
        }
        return new ConsumerHealth("request-worker", false, running ? "stopped: " + stopReason : "shut down");
    }

    private void run() {
        try {
            if (!awaitTrainingData() || !awaitView()) {
                return;
            }
            takeOver(); // this instance's own runs first, from before it died, and any other's whose trainer left
            if (!running) {
                return;
            }
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProperties())) {
                consumer = c;
                c.subscribe(List.of(settings.topic()));
                LOG.infof("trainer %s waiting for training requests on %s", settings.instanceId(), settings.topic());
                long nextScan = System.nanoTime() + settings.scanEvery().toNanos();
                while (running) {
                    if (System.nanoTime() >= nextScan) {
                        scanWhileSubscribed(c);
                        nextScan = System.nanoTime() + settings.scanEvery().toNanos();
                    }
                    try {
                        for (ConsumerRecord<String, byte[]> record : c.poll(settings.pollTimeout())) {
                            carryOut(c, record, handler.handle(new QueuedRecord(record.topic(), record.partition(),
                                    record.offset(), record.key(), record.value())));
                        }
                    } catch (RetriableException e) {
                        // Nothing uncommitted is lost: the group hands the record out again.
                        LOG.warnf("request queue: %s; retrying in %s", e.getMessage(), settings.retryPause());
                        sleep(settings.retryPause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (WakeupException e) {
            if (running) {
                LOG.error("request worker woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            stopReason = e.getMessage();
            LOG.error("request worker " + settings.instanceId() + " stopped: " + e.getMessage(), e);
        } finally {
            consumer = null;
        }
    }

    /** An instance that cannot read MNIST must not take requests: it would fail every run it claims. */
    private boolean awaitTrainingData() {
        while (running) {
            try {
                trainer.prepare();
                return true;
            } catch (RuntimeException e) {
                LOG.errorf("not taking training requests: %s; retrying in %ds", e.getMessage(),
                        DATA_RETRY.toSeconds());
                sleep(DATA_RETRY);
            }
        }
        return false;
    }

    private boolean awaitView() {
        while (running) {
            try {
                statuses.awaitCaughtUp(settings.catchUpTimeout());
                return true;
            } catch (TimeoutException e) {
                LOG.warnf("%s; retrying", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Trains on every run this idle instance wins ({@link TakeoverScan}), one after the other. */
    private void takeOver() throws InterruptedException {
        for (Optional<StatusAt> won = takeovers.next(); running && won.isPresent(); won = takeovers.next()) {
            resumeWon(won.get());
        }
    }

    /** Trains a won run on from its newest checkpoint (or fails it if its request is gone). */
    private void resumeWon(StatusAt won) {
        RunStatus status = won.status();
        ResumeDecision decision = handler.resume(status);
        while (running && decision.action() == ResumeDecision.Action.RETRY) {
            sleep(settings.retryPause());
            decision = handler.resume(status);
        }
        if (running && decision.action() == ResumeDecision.Action.RESUME) {
            RunControl control = new RunControl(status.runId());
            if (decision.stopFirst()) {
                control.requestStop();
            }
            train(decision.request(), control, status.checkpoints());
        }
    }

    /** A take-over scan between polls; the worker leaves the request group while it trains what it won. */
    private void scanWhileSubscribed(KafkaConsumer<String, byte[]> c) throws InterruptedException {
        // Unsubscribing only when a run was won would leave the group's partitions idle behind it; so the scan
        // decides first, and the training happens outside the group.
        Optional<StatusAt> first = takeovers.next();
        if (first.isEmpty()) {
            return;
        }
        c.unsubscribe();
        try {
            resumeWon(first.get());
            takeOver();
        } finally {
            if (running) {
                c.subscribe(List.of(settings.topic()));
            }
        }
    }

    private void carryOut(KafkaConsumer<String, byte[]> c, ConsumerRecord<String, byte[]> record,
                          RequestDecision decision) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        switch (decision.action()) {
            case SHUT_DOWN -> running = false;
            case RETRY -> {
                c.seek(partition, record.offset());
                if (!decision.retryAfter().isZero()) {
                    sleep(decision.retryAfter());
                }
            }
            case DEAD_LETTERED, SKIPPED, STOPPED_BEFORE_START -> commit(c, partition, record.offset());
            case TRAIN -> {
                commit(c, partition, record.offset());
                // Leave the group while training so that idle instances get the queue's partitions meanwhile.
                c.unsubscribe();
                try {
                    RunControl control = new RunControl(decision.request().runId());
                    if (decision.stopFirst()) {
                        control.requestStop();
                    }
                    train(decision.request(), control, 0);
                } finally {
                    if (running) {
                        c.subscribe(List.of(settings.topic()));
                    }
                }
            }
        }
    }

    /** @param announced the newest checkpoint version the run's statuses count as announced */
    private void train(TrainingRequest request, RunControl control, long announced) {
        if (handler.takeEarlyStop(control.runId())) {
            control.requestStop();
        }
        active = control;
        try {
            if (!running) {
                control.requestShutdown();
            }
            trainer.train(request, control, announced);
        } finally {
            active = null;
        }
    }
    private void commit(KafkaConsumer<String, byte[]> c, TopicPartition partition, long offset) {
        try {
            c.commitSync(Map.of(partition, new OffsetAndMetadata(offset + 1)));
        } catch (CommitFailedException e) {
            // The partition moved to another instance meanwhile. Our RUNNING claim is already published, so that
            // instance will find the run claimed and drop the request.
            LOG.warnf("could not commit %s@%d (%s); the claim stands", partition, offset, e.getMessage());
        } catch (KafkaException e) {
            LOG.warnf("could not commit %s@%d: %s", partition, offset, e.getMessage());
        }
    }

    private Properties consumerProperties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "trainer-queue-" + settings.instanceId());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // One request at a time: whatever else was fetched is discarded when we leave the group.
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return p;
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
