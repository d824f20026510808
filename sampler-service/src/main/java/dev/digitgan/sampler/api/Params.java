package dev.digitgan.sampler.api;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Parses request parameters from their raw text, so that every bad value gets a message naming the
 * parameter and its valid range (JAX-RS's own conversion of an {@code int} parameter answers 404 without
 * saying why). Shared by HTTP and gRPC.
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

    public static int checkRange(String name, long value, int min, int max) {
        if (value < min || value > max) {
            throw new BadParameterException(name + " must be in " + min + ".." + max + ", got " + value);
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

    public static long checkSeed(String name, long value) {
        if (value < 0 || value > MAX_SEED) {
            throw new BadParameterException(name + " must be in 0.." + MAX_SEED + ", got " + value);
        }
        return value;
    }

    public static long randomSeed() {
        return ThreadLocalRandom.current().nextLong(MAX_SEED + 1);
    }

    /** Echoes user input in messages, shortened and stripped of control characters. */
    static String echo(String raw) {
        StringBuilder out = new StringBuilder();
        raw.codePoints().limit(MAX_ECHO).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return raw.codePointCount(0, raw.length()) > MAX_ECHO ? out + "..." : out.toString();
    }
}
