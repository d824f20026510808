package dev.digitgan.model.events;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON form of every event: the only place events are turned into bytes and back. Readers get an
 * {@link EventFormatException} whose message is the reason a dead-letter record carries.
 */
public final class EventCodec {

    private final ObjectMapper mapper;

    public EventCodec() {
        this.mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // Newer writers may add fields within a schema version; old readers ignore them.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // A missing number must not silently become 0.
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
    }

    /** The mapper, configured as events need, for callers that embed events in larger documents. */
    public ObjectMapper mapper() {
        return mapper;
    }

    public byte[] encode(Event event) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + event.getClass().getSimpleName(), e);
        }
    }

    public String encodeToString(Event event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + event.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads an event of the given type.
     *
     * @throws EventFormatException on malformed JSON, a missing or unknown schema version, a missing
     *                              field or a value out of range; the message names the problem
     */
    public <T extends Event> T decode(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new EventFormatException("empty message, expected a " + type.getSimpleName());
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (IOException e) {
            throw new EventFormatException("malformed JSON: " + firstLine(e), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new EventFormatException("expected a JSON object for " + type.getSimpleName());
        }
        JsonNode version = tree.get("schemaVersion");
        if (version == null || !version.isInt()) {
            throw new EventFormatException("missing or non-integer schemaVersion");
        }
        if (!SchemaVersions.readable(type, version.intValue())) {
            throw new EventFormatException("unknown schemaVersion " + version.intValue() + " (this build reads "
                    + SchemaVersions.describe(SchemaVersions.oldest(type), SchemaVersions.current(type)) + ")");
        }
        SchemaVersions.upgrade(type, (ObjectNode) tree);
        try {
            return mapper.treeToValue(tree, type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new EventFormatException("invalid " + type.getSimpleName() + ": " + cause.getMessage(), e);
        } catch (JacksonException e) {
            throw new EventFormatException("invalid " + type.getSimpleName() + ": " + firstLine(e), e);
        }
    }

    private static String firstLine(Exception e) {
        String message = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
