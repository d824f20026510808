package dev.digitgan.trainer.queue;

import java.util.Set;

/** Which trainer instances are alive: the members of the trainers' presence group (the I/O behind take-overs). */
public interface LiveTrainers {

    /**
     * The instance ids of the group's members as the group coordinator sees them now.
     *
     * @throws RuntimeException when Kafka does not answer (then nothing is decided)
     */
    Set<String> live();
}
