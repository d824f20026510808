package dev.digitgan.sampler.api;

import dev.digitgan.model.spec.GanSpec;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The fixed request limits, and the parsing of parameters from their raw text, so that every bad value gets a
 * message naming the parameter and its valid range (JAX-RS's own conversion of an {@code int} parameter answers
 * 404 without saying why). Used by the request records ({@link RenderRequest}), which HTTP and gRPC both build:
 * gRPC's numbers are given as their decimal text, so both get the same message for the same value.
 */
public final class Params {

    /**
     * Seeds are limited to 0..2^53-1: every such seed survives a round trip through a JavaScript number,
     * so the web page and JSON clients can echo them back exactly.
     */
    public static final long MAX_SEED = (1L << 53) - 1;
    /** Largest scale of a grid or a walk (the grid and walk limits themselves are configuration). */
    public static final int MAX_GRID_SCALE = 8;
    /** Largest scale of a single digit. */
    public static final int MAX_DIGIT_SCALE = 16;
    /** Largest index of a digit in the grid of a seed. */
    public static final int MAX_INDEX = 4095;
    /** A walk has its two ends at least. */
    public static final int MIN_WALK_STEPS = 2;
    private static final int MAX_ECHO = 40;

    private Params() {
    }

    public static int intIn(String name, String raw, int defaultValue, int min, int max) {
        if (raw == null) {
            return defaultValue;
        }
        String text = raw.trim();
        if (!text.matches("[+-]?\\d{1,10}")) {
            throw new BadParameterException(name + " must be an integer in " + min + ".." + max
                    + ", got '" + echo(raw) + "'");
        }
        long value = Long.parseLong(text);
        return checkRange(name, value, min, max);
    }

    /**
     * A digit to draw, 0..9 (label k of a conditional model is the digit k); empty when absent. Whether the served
     * model can draw a chosen digit is the model's to say, not the request's.
     */
    public static OptionalInt digit(String name, String raw) {
        if (raw == null) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(intIn(name, raw, 0, 0, GanSpec.DIGIT_CLASSES - 1));
    }

    /**
     * A required string of 1..{@code maxLength} digits 0-9 (ASCII only: other scripts' digits are no labels), e.g.
     * the number to write; surrounding blanks are ignored.
     */
    public static String digits(String name, String raw, int maxLength) {
        if (raw == null || raw.isBlank()) {
            throw new BadParameterException(name + " is required: 1.." + maxLength + " digits 0-9, e.g. " + name
                    + "=2026");
        }
        String text = raw.strip();
        int length = text.codePointCount(0, text.length());
        if (length > maxLength) {
            throw new BadParameterException(name + " must be at most " + maxLength + " digits long, got " + length
                    + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new BadParameterException(name + " must be digits 0-9 only, got '" + echo(text) + "'");
            }
        }
        return text;
    }

    /** A number as the text {@link #intIn} and {@link #seed} parse; {@code null} when absent. */
    public static String text(boolean present, long value) {
        return present ? Long.toString(value) : null;
    }

    static int checkRange(String name, long value, int min, int max) {
        if (value < min || value > max) {
            throw new BadParameterException(name + " must be in " + min + ".." + max + ", got " + value);
        }
        return (int) value;
    }

    /**
     * The lower bound of a count whose upper bound is configuration ({@link RequestLimits}): a record's constructor
     * cannot know that, so it checks what holds whatever the configuration says.
     */
    /** A digit component: present and 0..9, or empty (any digit); never null. */
    static void checkDigit(String name, OptionalInt digit) {
        if (digit == null) {
            throw new BadParameterException(name + " must be a digit 0.." + (GanSpec.DIGIT_CLASSES - 1)
                    + " or empty (any), got null");
        }
        if (digit.isPresent()) {
            checkRange(name, digit.getAsInt(), 0, GanSpec.DIGIT_CLASSES - 1);
        }
    }

    static int checkAtLeast(String name, long value, int min) {
        if (value < min) {
            throw new BadParameterException(name + " must be at least " + min + ", got " + value);
        }
        return (int) value;
    }

    /** A seed from text; a fresh random one when absent. */
    public static long seed(String name, String raw) {
        if (raw == null) {
            return randomSeed();
        }
        String text = raw.trim();
        if (!text.matches("[+-]?\\d{1,19}")) {
            throw new BadParameterException(name + " must be an integer in 0.." + MAX_SEED
                    + ", got '" + echo(raw) + "'");
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) { // 19 digits can still overflow a long
            throw new BadParameterException(name + " must be in 0.." + MAX_SEED + ", got " + echo(raw));
        }
        return checkSeed(name, value);
    }

    static long checkSeed(String name, long value) {
        if (value < 0 || value > MAX_SEED) {
            throw new BadParameterException(name + " must be in 0.." + MAX_SEED + ", got " + value);
        }
        return value;
    }

    static long randomSeed() {
        return ThreadLocalRandom.current().nextLong(MAX_SEED + 1);
    }

    /** Echoes user input in messages, shortened and stripped of control characters. */
    static String echo(String raw) {
        StringBuilder out = new StringBuilder();
        raw.codePoints().limit(MAX_ECHO).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return raw.codePointCount(0, raw.length()) > MAX_ECHO ? out + "..." : out.toString();
    }
}
