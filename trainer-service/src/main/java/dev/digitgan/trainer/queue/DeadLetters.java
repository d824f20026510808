package dev.digitgan.trainer.queue;

/** Where the request decisions park a record no one can read. */
public interface DeadLetters {

    /**
     * Puts the record's key and bytes on the dead-letter topic with the reason and its origin in the headers.
     *
     * @throws RuntimeException when Kafka did not acknowledge it: the record is not parked
     */
    void park(QueuedRecord record, String reason);
}
