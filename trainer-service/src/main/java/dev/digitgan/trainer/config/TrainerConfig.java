package dev.digitgan.trainer.config;

import dev.digitgan.support.security.AdminConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.OptionalInt;

/** Settings of the training worker ({@code digitgan.trainer.*}). */
@ConfigMapping(prefix = "digitgan.trainer")
public interface TrainerConfig {

    /** The names of the acknowledgement waits, for the messages that say which one ran out. */
    String KAFKA_ACK_WAIT = "digitgan.trainer.kafka-ack-wait";
    String REQUEST_KAFKA_ACK_WAIT = "digitgan.trainer.request-kafka-ack-wait";

    /**
     * Names this instance in the RUNNING statuses it publishes, so that after a restart it finds the runs it
     * owned. Must be stable across restarts (a StatefulSet pod name); {@link InstanceIdConfigSource} defaults it
     * to the host name.
     */
    String instanceId();

    /**
     * The trainer's admin account ({@code digitgan.trainer.admin.user} / {@code .password}, env
     * {@code DIGITGAN_TRAINER_ADMIN_USER} / {@code _PASSWORD}), who may start and stop runs; its own, not the
     * sampler's. Outside the dev and test profiles the trainer does not start without it (service-support's
     * {@code AdminPasswordCheck}).
     */
    AdminConfig admin();

    /** Starts the request-queue worker; off only where an instance should serve REST alone. */
    @WithDefault("true")
    boolean workerEnabled();

    /** Train on the first N MNIST images only (tests, demos); unset: all 60,000. */
    OptionalInt maxTrainImages();

    /**
     * On shutdown, store a checkpoint of a run in progress before leaving it (its status stays RUNNING, so this
     * instance resumes it on restart). Off, a shutdown loses the steps since the last checkpoint, like a crash.
     */
    @WithDefault("true")
    boolean checkpointOnShutdown();

    /**
     * Create the system's topics at startup (broker defaults for partitions and replication) and wait for their
     * leaders before producing; see {@code KafkaTopics} for why. Off where topics are provisioned separately.
     */
    @WithDefault("true")
    boolean createTopics();

    /** How long the worker waits in one poll of the request queue. */
    @WithDefault("1s")
    Duration pollTimeout();

    /**
     * Pause before the worker reads a request again whose claim (or stop, or dead letter) S3 or Kafka did not
     * confirm, and between attempts to decide about a run it owned; long enough not to spin through an outage.
     */
    @WithDefault("2s")
    Duration retryPause();

    /**
     * How long an S3 store, read or listing is tried again while S3 is unreachable, times out or answers 5xx, before
     * the run fails (a refusal such as AccessDenied fails at once; {@code S3Retry}). Long enough for S3 to restart
     * under a training run; 0 turns retrying off.
     */
    @WithDefault("2m")
    Duration s3RetryFor();

    /**
     * How long a run waits for Kafka to acknowledge one of its records (a checkpoint event, a status), sending it
     * again after a failure another try may not meet ({@code AckWait}), before the run fails. Longer than the broker
     * outages a run should outlive; a checkpoint waits this long at most, training meanwhile too.
     */
    @WithDefault("2m")
    Duration kafkaAckWait();

    /**
     * The same for what a REST call writes (a run-id claim, REQUESTED and the request, a stop): the caller waits this
     * long at most for its answer (503 after it).
     */
    @WithDefault("15s")
    Duration requestKafkaAckWait();

    /**
     * How long a trainer instance may go without heart-beating (killed, frozen, cut off) before its unfinished run is
     * taken over by another instance, from its newest checkpoint. It is the session timeout of the instance's
     * membership in the presence group, so the broker's {@code group.min.session.timeout.ms} and
     * {@code group.max.session.timeout.ms} bound it (6 s to 30 min by default). A restart within it resumes the
     * instance's own run instead.
     */
    @WithDefault("30s")
    Duration takeoverAfter();

    /**
     * Whether this instance takes over other instances' runs whose trainer left the presence group; false: only its
     * own runs (from before it died) are resumed, as when each instance has its own data.
     */
    @WithDefault("true")
    boolean takeOverOthers();

    /** How long a reader waits for the run-status view to catch up with the topic's end. */
    @WithDefault("30s")
    Duration statusCatchUpTimeout();

    /**
     * How long the loss-event topic keeps its records (set when the trainer creates or corrects its topics; the other
     * topics' retention is fixed, {@code Topics.policies}). Older runs lose their loss history, nothing else.
     */
    @WithDefault("P30D")
    Duration lossEventsRetention();

    /** Loss events the worker lets be in flight before it waits for Kafka (back-pressure, not a batch size). */
    @WithDefault("2000")
    int maxLossEventsInFlight();

    /** How checkpoints are scored ({@code digitgan.trainer.quality.*}). */
    Quality quality();

    /** Scoring of checkpoints by the project's evaluator (shared-model README, "Quality"). */
    interface Quality {

        /**
         * N of each checkpoint's score; unset: {@code EvaluationProtocol.CHECKPOINT_SAMPLES} (2,000: 0.2 s of CPU
         * for the MLP, 1.4 s for the DCGAN). The sampler compares only scores of equal N, so change it for every
         * trainer at once; 0 turns scoring off (checkpoints then never replace a scored model under {@code best}).
         */
        OptionalInt checkpointSamples();

        /** N of the score of a run's last weights; unset: {@code EvaluationProtocol.REPORT_SAMPLES} (10,000). */
        OptionalInt finalSamples();
    }
}
