package dev.digitgan.model.events;

/** A message that cannot be read as the event it claims to be; the message says why. */
public class EventFormatException extends RuntimeException {

    public EventFormatException(String message) {
        super(message);
    }

    public EventFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
