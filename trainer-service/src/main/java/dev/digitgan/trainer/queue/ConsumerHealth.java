package dev.digitgan.trainer.queue;

/**
 * How one of the trainer's long-lived Kafka consumers is doing, for readiness.
 *
 * @param up     reading (or idle by configuration); false while it cannot reach Kafka or after it stopped for good
 * @param detail what it is doing, or why it is not
 */
public record ConsumerHealth(String name, boolean up, String detail) {
}
