package dev.digitgan.trainer.kafka;

/** One run's {@link RunEvents} for as long as this instance trains it; closed when it stops training the run. */
public interface RunWriter extends RunEvents, AutoCloseable {

    @Override
    void close();
}
