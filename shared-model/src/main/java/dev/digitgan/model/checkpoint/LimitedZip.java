package dev.digitgan.model.checkpoint;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads a zip's entries in order, each through a counter that stops at the cap its name has; a name without a cap
 * is refused before its bytes are inflated. Memory is bounded by the caps, whatever the entries claim about their
 * sizes (a zip's size fields are written by whoever made it, so they are not consulted).
 */
final class LimitedZip {

    /** The cap of an entry, in inflated bytes, by its position and name; {@code null} refuses the entry. */
    @FunctionalInterface
    interface Caps {
        Long of(int index, String name) throws CheckpointException;
    }

    private static final int CHUNK = 64 * 1024;

    private LimitedZip() {
    }

    /**
     * @param what       how errors name the zip ("checkpoint", "generator.zip")
     * @param stopAfter  stop after this many entries when {@code > 0}
     * @param maxEntries more entries than this are refused
     */
    static Map<String, byte[]> read(InputStream in, String what, int stopAfter, int maxEntries, Caps caps)
            throws CheckpointException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try {
            ZipInputStream zip = new ZipInputStream(in);
            ZipEntry entry;
            while ((stopAfter <= 0 || entries.size() < stopAfter) && (entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                if (entries.size() >= maxEntries) {
                    throw new CheckpointRefusedException(what + " has more than " + maxEntries + " entries");
                }
                if (entries.containsKey(name)) {
                    throw new CheckpointException(what + " has entry '" + name + "' twice");
                }
                Long cap = caps.of(entries.size(), name);
                if (cap == null) {
                    throw new CheckpointRefusedException(what + " has an entry this build never reads: '"
                            + printable(name) + "' (entries so far: " + entries.keySet() + ")");
                }
                entries.put(name, readAtMost(zip, cap, what, name));
            }
        } catch (EOFException e) {
            throw new CheckpointException(what + " is truncated (unexpected end of data after entries "
                    + entries.keySet() + ")", e);
        } catch (ZipException e) {
            throw new CheckpointException(what + " is corrupt (zip error after entries " + entries.keySet()
                    + ": " + e.getMessage() + ")", e);
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + what + ": " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            throw new CheckpointException("not a checkpoint: empty input or not a zip file");
        }
        return entries;
    }

    /** Chunks, not a growing array: a refused entry costs its cap once, not the doubling copies up to it. */
    private static byte[] readAtMost(InputStream in, long cap, String what, String name) throws IOException {
        List<byte[]> chunks = new ArrayList<>();
        long total = 0;
        while (true) {
            byte[] chunk = new byte[CHUNK];
            int n = in.readNBytes(chunk, 0, CHUNK);
            if (n == 0) {
                break;
            }
            total += n;
            if (total > cap) {
                throw new CheckpointRefusedException(what + " entry '" + name + "' inflates to more than its limit of "
                        + cap + " bytes (CheckpointLimits)");
            }
            chunks.add(n == CHUNK ? chunk : Arrays.copyOf(chunk, n));
        }
        byte[] bytes = new byte[Math.toIntExact(total)];
        int at = 0;
        for (byte[] chunk : chunks) {
            System.arraycopy(chunk, 0, bytes, at, chunk.length);
            at += chunk.length;
        }
        return bytes;
    }

    /** An entry name as it may appear in a message: bounded, no control characters. */
    private static String printable(String name) {
        String cut = name.length() > 80 ? name.substring(0, 80) + "..." : name;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
