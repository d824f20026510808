package dev.digitgan.trainer.queue;

/**
 * One record taken off the request queue, as the decisions about it see it: where it came from (for the commit
 * and a dead letter's headers) and its bytes. Free of Kafka types so that the decisions are tested without a
 * broker.
 */
public record QueuedRecord(String topic, int partition, long offset, String key, byte[] value) {
}
