package dev.digitgan.trainer.kafka;

import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.Event;
import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.LossEvent;
import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Run writers that fence: a run's statuses and checkpoint events go through a transactional producer whose
 * transactional id is the run's ({@code digitgan-run-<run id>}): each status in a transaction of its own, each
 * checkpoint event with the status that counts it. Opening
 * the writer ({@code initTransactions}) makes the broker bump the id's producer epoch, so from then on every write
 * of an earlier writer of the run (an instance frozen or cut off past the take-over time, which another instance
 * took the run from) is refused by the broker, and an open transaction of it is aborted: the readers, which read
 * committed records only, never see a record of a run from an instance that no longer owns it. The earlier writer
 * learns it on its next write ({@link RunTakenOverException}) and leaves the run.
 *
 * <p>Loss events go through the shared producer as before (a transaction per step would cost more than the step);
 * an earlier writer stops sending them once a write of it was refused, at the latest at its next status, which it
 * writes every few seconds.
 */
public final class KafkaRunWriters implements RunWriters {

    private static final Logger LOG = Logger.getLogger(KafkaRunWriters.class);
    /** Longest one producer call may block; the caller's wait ({@link AckWait}) retries within its own. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final String bootstrapServers;
    private final String instanceId;
    private final RunEvents shared;
    private final Duration openWait;

    /**
     * @param shared   the service's producers, for the loss events
     * @param openWait how long opening a writer may take while Kafka does not answer
     */
    public KafkaRunWriters(String bootstrapServers, String instanceId, RunEvents shared, Duration openWait) {
        this.bootstrapServers = bootstrapServers;
        this.instanceId = instanceId;
        this.shared = shared;
        this.openWait = openWait;
    }

    /** The transactional id of a run's writer. */
    public static String transactionalId(String runId) {
        return "digitgan-run-" + runId;
    }

    @Override
    public RunWriter open(String runId) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties(runId));
        long deadline = System.nanoTime() + openWait.toNanos();
        while (true) {
            try {
                producer.initTransactions();
                return new Writer(runId, producer);
            } catch (TimeoutException e) {
                if (System.nanoTime() >= deadline) {
                    producer.close(Duration.ZERO);
                    throw new IllegalStateException("cannot open the writer of run " + runId + ": Kafka did not "
                            + "answer within " + openWait, e);
                }
                LOG.warnf("opening the writer of run %s: %s; trying again", runId, e.getMessage());
            } catch (KafkaException e) {
                producer.close(Duration.ZERO);
                throw e;
            }
        }
    }

    private Properties properties(String runId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "trainer-run-" + runId + "-" + instanceId);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(runId));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(CALL_TIMEOUT.toMillis()));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(CALL_TIMEOUT.toMillis()));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(CALL_TIMEOUT.multipliedBy(2).toMillis()));
        // An instance killed inside a transaction holds back the readers of that partition until the transaction is
        // aborted: by the next owner's initTransactions, or after this long at the latest.
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "30000");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /**
     * One run's writer. Its writes are made one after the other on a thread of its own, in the order they were asked
     * for, so that the training thread does not wait for a status it does not wait for (during a broker outage a
     * commit blocks for seconds).
     */
    private final class Writer implements RunWriter {

        private final String runId;
        private final KafkaProducer<String, byte[]> producer;
        private final ExecutorService thread;
        private final EventCodec codec = new EventCodec();
        /** The records of a transaction whose commit timed out: the next call must retry that commit. */
        private List<Event> pendingCommit;
        /** A transaction to be aborted first: its abort timed out. */
        private boolean abortPending;
        private volatile RunTakenOverException takenOver;

        Writer(String runId, KafkaProducer<String, byte[]> producer) {
            this.runId = runId;
            this.producer = producer;
            this.thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "trainer-run-writer-" + runId);
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        public CompletionStage<Void> status(RunStatus status) {
            return write(List.of(status));
        }

        @Override
        public CompletionStage<Void> checkpoint(CheckpointEvent event, RunStatus counted) {
            return write(List.of(event, counted));
        }

        /** @throws RunTakenOverException once a write was refused: the training loop ends at this step */
        @Override
        public CompletionStage<Void> loss(LossEvent event) {
            RunTakenOverException refused = takenOver;
            if (refused != null) {
                throw refused;
            }
            return shared.loss(event);
        }

        /** Lets the writes asked for finish (bounded), then closes the producer. */
        @Override
        public void close() {
            thread.shutdown();
            try {
                if (!thread.awaitTermination(CALL_TIMEOUT.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warnf("run %s: writes still pending at close", runId);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread.shutdownNow();
            producer.close(CALL_TIMEOUT);
        }

        private CompletionStage<Void> write(List<Event> events) {
            try {
                return CompletableFuture.supplyAsync(() -> writeNow(events), thread)
                        .thenCompose(Function.identity());
            } catch (RejectedExecutionException e) {
                return CompletableFuture.failedFuture(new IllegalStateException("the writer of run " + runId
                        + " is closed", e));
            }
        }

        /** One transaction: the records all visible to committed readers, or none. */
        private CompletionStage<Void> writeNow(List<Event> events) {
            if (takenOver != null) {
                return CompletableFuture.failedFuture(takenOver);
            }
            try {
                if (abortPending) {
                    producer.abortTransaction(); // the retry Kafka requires after an abort that timed out
                    abortPending = false;
                }
                if (pendingCommit != null) {
                    producer.commitTransaction(); // the retry Kafka requires after a commit that timed out
                    boolean same = pendingCommit.equals(events);
                    pendingCommit = null;
                    if (same) {
                        return CompletableFuture.completedFuture(null); // an acknowledgement wait's resend of it
                    }
                }
                producer.beginTransaction();
                for (Event event : events) {
                    String topic = event instanceof CheckpointEvent ? Topics.CHECKPOINTS : Topics.RUN_STATUS;
                    producer.send(new ProducerRecord<>(topic, runId, codec.encode(event)));
                }
                try {
                    producer.commitTransaction();
                } catch (TimeoutException e) {
                    pendingCommit = events;
                    throw e;
                }
                return CompletableFuture.completedFuture(null);
            } catch (ProducerFencedException e) {
                return takenOver(e);
            } catch (TimeoutException e) {
                return CompletableFuture.failedFuture(e); // retriable: the next call finishes the commit or abort
            } catch (KafkaException e) {
                if (e.getCause() instanceof ProducerFencedException) {
                    return takenOver(e);
                }
                // An abortable error (a send that expired during an outage, a transaction the coordinator timed out,
                // a write with an epoch the broker no longer takes): abort, and the caller sends again. If the epoch
                // was another writer's, the abort itself is refused as fenced.
                pendingCommit = null;
                abortPending = true;
                try {
                    producer.abortTransaction();
                    abortPending = false;
                } catch (ProducerFencedException fenced) {
                    return takenOver(fenced);
                } catch (KafkaException abortFailed) {
                    if (abortFailed.getCause() instanceof ProducerFencedException) {
                        return takenOver(abortFailed);
                    }
                    e.addSuppressed(abortFailed); // a timeout: the next call aborts again first
                }
                return CompletableFuture.failedFuture(new AbortedTransactionException("transaction of run " + runId
                        + " not committed: " + e.getMessage(), e));
            }
        }

        private CompletionStage<Void> takenOver(KafkaException cause) {
            takenOver = new RunTakenOverException(runId, cause);
            LOG.warnf("%s; this instance leaves the run", takenOver.getMessage());
            return CompletableFuture.failedFuture(takenOver);
        }
    }
}
