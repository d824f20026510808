package dev.digitgan.deploycheck;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonSyntaxException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;

/**
 * Gson adapters that decode JSON primitives the way the Kubernetes API server does: a string field
 * takes only a string, an integer field only an integral number, a boolean field only true/false.
 * Gson's defaults coerce (7 into "7", "true" into true), which would let {@code value: 7} in an
 * env var or {@code replicas: "2"} pass here and fail at {@code kubectl apply}.
 */
final class StrictPrimitives {

    private StrictPrimitives() {
    }

    static GsonBuilder register(GsonBuilder builder) {
        TypeAdapter<Integer> integers = integral("an integer (32 bit)", Integer::parseInt);
        TypeAdapter<Long> longs = integral("an integer (64 bit)", Long::parseLong);
        TypeAdapter<Boolean> booleans = new Strict<>("a boolean", JsonToken.BOOLEAN) {
            @Override
            Boolean decode(JsonReader in) throws IOException {
                return in.nextBoolean();
            }
        };
        TypeAdapter<Double> doubles = new Strict<>("a number", JsonToken.NUMBER) {
            @Override
            Double decode(JsonReader in) throws IOException {
                return in.nextDouble();
            }
        };
        return builder
                .registerTypeAdapter(String.class, new Strict<String>("a string", JsonToken.STRING) {
                    @Override
                    String decode(JsonReader in) throws IOException {
                        return in.nextString();
                    }
                })
                .registerTypeAdapter(Integer.class, integers)
                .registerTypeAdapter(int.class, integers)
                .registerTypeAdapter(Long.class, longs)
                .registerTypeAdapter(long.class, longs)
                .registerTypeAdapter(Boolean.class, booleans)
                .registerTypeAdapter(boolean.class, booleans)
                .registerTypeAdapter(Double.class, doubles)
                .registerTypeAdapter(double.class, doubles);
    }

    private interface Parser<T> {
        T parse(String literal);
    }

    private static <T extends Number> TypeAdapter<T> integral(String expected, Parser<T> parser) {
        return new Strict<>(expected, JsonToken.NUMBER) {
            @Override
            T decode(JsonReader in) throws IOException {
                String literal = in.nextString();
                try {
                    return parser.parse(literal);
                } catch (NumberFormatException e) {
                    throw new JsonSyntaxException(
                            "expected " + expected + " but found " + literal + " at " + in.getPath());
                }
            }
        };
    }

    /** Accepts exactly one JSON token type (or null) and writes values back unchanged. */
    private abstract static class Strict<T> extends TypeAdapter<T> {
        private final String expected;
        private final JsonToken token;

        Strict(String expected, JsonToken token) {
            this.expected = expected;
            this.token = token;
        }

        abstract T decode(JsonReader in) throws IOException;

        @Override
        public T read(JsonReader in) throws IOException {
            JsonToken found = in.peek();
            if (found == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            if (found != token) {
                throw new JsonSyntaxException("expected " + expected + " but found " + found + " at " + in.getPath());
            }
            return decode(in);
        }

        @Override
        public void write(JsonWriter out, T value) throws IOException {
            if (value == null) {
                out.nullValue();
            } else if (value instanceof Number number) {
                out.value(number);
            } else if (value instanceof Boolean bool) {
                out.value(bool);
            } else {
                out.value(value.toString());
            }
        }
    }
}
