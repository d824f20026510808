package dev.digitgan.model.events;

import java.util.List;

/**
 * The Kafka topics of the system: the one place their names are written. Every message is keyed by
 * run id so that one run's events stay ordered within a partition.
 */
public final class Topics {

    /** Requests to train a run; consumed by the trainers' shared consumer group. */
    public static final String TRAINING_REQUESTS = "digitgan.training-requests";
    /** Commands for a running run (stop); every trainer instance sees every command. */
    public static final String RUN_CONTROL = "digitgan.run-control";
    /** The lifecycle of each run (accepted, running, finished, ...), latest per key wins. */
    public static final String RUN_STATUS = "digitgan.run-status";
    /** One event per training step. */
    public static final String LOSS_EVENTS = "digitgan.loss-events";
    /** One event per stored checkpoint, published only after its objects are in S3. */
    public static final String CHECKPOINTS = "digitgan.checkpoints";
    /** Messages no consumer could read, with the reason in headers. */
    public static final String DEAD_LETTER = "digitgan.dead-letter";

    /** The consumer group the trainers share: each request is trained by one instance. */
    public static final String TRAINER_GROUP = "digitgan-trainers";

    /** Header names on dead-letter records. */
    public static final String DLQ_REASON_HEADER = "digitgan-dlq-reason";
    public static final String DLQ_TOPIC_HEADER = "digitgan-dlq-topic";
    /** Partition and offset of the original record (decimal text), so that a re-sent dead letter can be recognised. */
    public static final String DLQ_PARTITION_HEADER = "digitgan-dlq-partition";
    public static final String DLQ_OFFSET_HEADER = "digitgan-dlq-offset";

    public static List<String> all() {
        return List.of(TRAINING_REQUESTS, RUN_CONTROL, RUN_STATUS, LOSS_EVENTS, CHECKPOINTS, DEAD_LETTER);
    }

    private Topics() {
    }
}
