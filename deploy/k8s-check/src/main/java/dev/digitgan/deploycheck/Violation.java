package dev.digitgan.deploycheck;

/** One way a rendered object fails a schema or a deployment requirement. */
public record Violation(String object, String message) {

    @Override
    public String toString() {
        return object + ": " + message;
    }
}
