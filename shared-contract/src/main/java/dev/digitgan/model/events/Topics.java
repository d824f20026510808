package dev.digitgan.model.events;

import java.time.Duration;
import java.util.List;

/**
 * The Kafka topics of the system: the one place their names are written. Every message is keyed by
 * run id so that one run's events stay ordered within a partition; the sampler policy, which belongs to no run, by its
 * one fleet key ({@link PolicyChange#KEY}).
 */
public final class Topics {

    /** Requests to train a run; consumed by the trainers' shared consumer group. */
    public static final String TRAINING_REQUESTS = "digitgan.training-requests";
    /** Commands for a running run (stop); every trainer instance sees every command. */
    public static final String RUN_CONTROL = "digitgan.run-control";
    /** The lifecycle of each run (accepted, running, finished, ...), latest per key wins. */
    public static final String RUN_STATUS = "digitgan.run-status";
    /**
     * Every run id ever taken: a {@code POST /runs} writes a claim (run id, a nonce of its own) and is accepted only
     * if its claim is the first for that id; written and read by the trainers alone.
     */
    public static final String RUN_IDS = "digitgan.run-ids";
    /** One event per training step. */
    public static final String LOSS_EVENTS = "digitgan.loss-events";
    /** One event per stored checkpoint, published only after its objects are in S3. */
    public static final String CHECKPOINTS = "digitgan.checkpoints";
    /** Messages no consumer could read, with the reason in headers. */
    public static final String DEAD_LETTER = "digitgan.dead-letter";
    /** The sampler fleet's version policy ({@link PolicyChange}, one key): the newest record is the policy. */
    public static final String SAMPLER_POLICY = "digitgan.sampler-policy";

    /** The consumer group the trainers share: each request is trained by one instance. */
    public static final String TRAINER_GROUP = "digitgan-trainers";
    /**
     * The consumer group whose members are the live trainer instances (static membership, one member per instance
     * id): a trainer that stops heart-beating leaves it after the take-over time, and its runs are taken over.
     */
    public static final String TRAINER_PRESENCE_GROUP = "digitgan-trainer-presence";

    /** Header names on dead-letter records. */
    public static final String DLQ_REASON_HEADER = "digitgan-dlq-reason";
    public static final String DLQ_TOPIC_HEADER = "digitgan-dlq-topic";
    /** Partition and offset of the original record (decimal text), so that a re-sent dead letter can be recognised. */
    public static final String DLQ_PARTITION_HEADER = "digitgan-dlq-partition";
    public static final String DLQ_OFFSET_HEADER = "digitgan-dlq-offset";

    /** How long loss events are kept unless configured otherwise ({@code digitgan.trainer.loss-events-retention}). */
    public static final Duration DEFAULT_LOSS_RETENTION = Duration.ofDays(30);
    /** Run commands matter while their run is queued or training. */
    public static final Duration RUN_CONTROL_RETENTION = Duration.ofDays(7);

    public static List<String> all() {
        return List.of(TRAINING_REQUESTS, RUN_CONTROL, RUN_STATUS, RUN_IDS, LOSS_EVENTS, CHECKPOINTS, DEAD_LETTER,
                SAMPLER_POLICY);
    }

    /**
     * Each topic's cleanup and retention, in {@link #all()}'s order: the one place they are chosen. The trainer
     * creates (and corrects) its topics with them; the deployment's topic script sets the same values, which its
     * test checks against this list.
     *
     * <p>Checkpoint events are keyed by run id like every event, so compaction would keep only each run's newest
     * version, while the sampler's {@code best} policy and the metrics' history need every one: they are kept for
     * ever instead (as long as their objects, which nothing deletes). The run status is compacted (the newest per
     * run id is the truth, and keeping every run id for ever is what makes run ids unique for ever). The sampler
     * policy is compacted too: one key, so the newest record (the policy in force) is kept for ever and a replica
     * started at any time reads it.
     *
     * <p>The run-id claims are not compacted but kept for ever: the first claim of an id decides who has it, and
     * compaction keeps the newest record per key, so it could remove the winner's claim and leave a later loser's,
     * and a loser reading after that compaction would take itself for the first. One small record per run ever
     * started costs nothing. The topic has one partition, fixed: claims are decided by their order, and adding a
     * partition would move an id's later claims to another partition than its first.
     *
     * @param lossRetention how long loss events are kept (the only figure a deployment chooses)
     */
    public static List<TopicPolicy> policies(Duration lossRetention) {
        return List.of(
                new TopicPolicy(TRAINING_REQUESTS, TopicPolicy.Cleanup.DELETE, null,
                        "a request not yet claimed must not expire"),
                new TopicPolicy(RUN_CONTROL, TopicPolicy.Cleanup.DELETE, RUN_CONTROL_RETENTION,
                        "a command matters while its run is queued or training"),
                new TopicPolicy(RUN_STATUS, TopicPolicy.Cleanup.COMPACT, null,
                        "the newest status per run id, for every run id ever used"),
                new TopicPolicy(RUN_IDS, TopicPolicy.Cleanup.DELETE, null, 1,
                        "every claim of a run id, the first of which decides: run ids are unique for ever"),
                new TopicPolicy(LOSS_EVENTS, TopicPolicy.Cleanup.DELETE, lossRetention,
                        "one event per step: the metrics history of older runs goes with it"),
                new TopicPolicy(CHECKPOINTS, TopicPolicy.Cleanup.DELETE, null,
                        "every version of every run, as long as its objects exist"),
                new TopicPolicy(DEAD_LETTER, TopicPolicy.Cleanup.DELETE, null,
                        "poison messages are kept for a person to look at"),
                new TopicPolicy(SAMPLER_POLICY, TopicPolicy.Cleanup.COMPACT, null,
                        "the newest policy of the sampler fleet, for every replica started later"));
    }

    private Topics() {
    }
}
