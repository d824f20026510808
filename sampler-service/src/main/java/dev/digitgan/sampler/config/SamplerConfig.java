package dev.digitgan.sampler.config;

import dev.digitgan.support.security.AdminConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The sampler's own settings ({@code digitgan.sampler.*}); see the README's configuration table. */
@ConfigMapping(prefix = "digitgan.sampler")
public interface SamplerConfig {

    /** {@link #maxNumberLength()} unless configured: a date, a phone number, a long serial. */
    int DEFAULT_MAX_NUMBER_LENGTH = 32;

    /**
     * This replica's consumer group for {@code digitgan.checkpoints}: unique per replica, so that every replica sees
     * every event (k8s: the pod name; default {@code digitgan-sampler-<uuid>} per start, application.properties).
     */
    String groupId();

    /**
     * The sampler's admin account ({@code digitgan.sampler.admin.user} / {@code .password}, env
     * {@code DIGITGAN_SAMPLER_ADMIN_USER} / {@code _PASSWORD}), for {@code PUT /models/policy}; its own, not the
     * trainer's. Outside the dev and test profiles the sampler does not start without it (service-support's
     * {@code AdminPasswordCheck}).
     */
    AdminConfig admin();

    /** Generator copies, one per concurrently served request; 0 means one per available processor. */
    @WithDefault("0")
    int workers();

    /** Largest n of a PNG grid. */
    @WithDefault("256")
    int maxGrid();

    /** Largest n of the JSON pixel endpoint (each digit is 784 numbers). */
    @WithDefault("64")
    int maxJson();

    /** Longest number {@code GET /digits/number.png} writes, in digits (each is a generated 28x28 digit). */
    @WithDefault("" + DEFAULT_MAX_NUMBER_LENGTH)
    int maxNumberLength();

    /** Largest number of steps in a latent walk. */
    @WithDefault("32")
    int maxWalkSteps();

    /** A checkpoint whose part to read (its generator part, else the whole object) is larger is refused (bytes). */
    @WithDefault("67108864")
    long maxCheckpointBytes();

    /** Classpath folder of the pretrained generator served before any checkpoint arrives; empty: none. */
    @WithDefault("shipped-model")
    Optional<String> shippedModel();

    /**
     * Delay before retrying a failed fetch; it doubles with each failure in a row up to {@link #fetchRetryMaxDelay}.
     * A failed fetch is never turned into a rejection (an outage says nothing about the bytes).
     */
    @WithDefault("2s")
    Duration fetchRetryDelay();

    @WithDefault("5m")
    Duration fetchRetryMaxDelay();

    /**
     * Loads of the same bytes that may die with the process before those bytes are refused for good on this replica
     * (more than 1: a replica evicted or killed mid-load for another reason gets another try).
     */
    @WithDefault("2")
    int maxKilledLoads();

    /**
     * This replica's own folder for what it must remember across restarts (refused and load-killing checkpoints);
     * default {@code <java.io.tmpdir>/digitgan-sampler/<group id>} (README "Poisoned versions").
     */
    Optional<String> stateDir();

    /** The version policy at start, {@code best} or {@code latest} ({@code PUT /models/policy} changes it). */
    @WithDefault("best")
    String policy();

    /**
     * {@code best}: how much lower its Fréchet distance must be for a version to replace the one served, as a
     * fraction of the served one's (README "Version policy" says how the default was measured).
     */
    @WithDefault("0.1")
    double bestMargin();

    /**
     * How long {@code PUT /models/policy} waits for the broker to take the fleet's policy record before answering
     * 503 (README "Version policy").
     */
    @WithDefault("10s")
    Duration policyPublishTimeout();

    /** Admission control of render work (README "Limits"); the sizes are derived from heap and CPU when 0. */
    Admission admission();

    /** How the health checks learn the state of Kafka and S3 (README "Health"). */
    Health health();

    /** Admission control: render work in flight and queued, in cost units ({@code RenderCost}). */
    interface Admission {

        /** Cost units rendered at once; 0 = sized from the heap and the CPUs ({@code AdmissionLimits}). */
        @WithDefault("0")
        long inFlight();

        /** Cost units that may wait for room; -1 = as many as in flight, 0 = no queue (refuse at once). */
        @WithDefault("-1")
        long queued();

        /** Longest a queued request waits for room before it is refused. */
        @WithDefault("2s")
        Duration maxWait();

        /** Share of the maximum heap that render work in flight may hold (used when in-flight is 0). */
        @WithDefault("0.25")
        double heapShare();

        /** Requests costing at most this much are "cheap": they may use the reserve, and wait behind no one. */
        @WithDefault("1000")
        long cheapCost();

        /** Share of in-flight capacity only cheap requests may use, so they keep their latency under load. */
        @WithDefault("0.1")
        double cheapReserve();

        /** What a refusal's {@code Retry-After} says. */
        @WithDefault("1s")
        Duration retryAfter();
    }

    /** Dependency probes run in the background; the health checks only read their last result. */
    interface Health {

        /** Time between two probes of S3 and of Kafka. */
        @WithDefault("5s")
        Duration probeInterval();

        /** A probe without an answer after this long counts as a failure (it may still be running). */
        @WithDefault("2s")
        Duration probeTimeout();

        /**
         * Readiness waits this long after start for the consumer to catch up with the checkpoint topic; after
         * that the replica is ready with what it has (a Kafka outage during a restart must not keep it out).
         */
        @WithDefault("60s")
        Duration catchUpTimeout();
    }

    default int effectiveWorkers() {
        return workers() > 0 ? workers() : Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
