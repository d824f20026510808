package dev.digitgan.model.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * The one checkpoint format: a zip whose first entry is {@code manifest.json} ({@link CheckpointManifest}), followed
 * by three DL4J ModelSerializer zips: {@code generator.zip} (weights only), {@code discriminator.zip} and
 * {@code stacked.zip} (weights and updater state). The manifest holds the SHA-256 of each of those entries.
 *
 * <p>Manifest first, generator second: a sampler reads {@link #readGeneratorOnly} from a stream and stops after
 * two entries, verifying the generator's hash without touching the (larger) training state.
 */
public final class CheckpointFormat {

    /** The one value lives in the manifest record (shared-contract); this name is kept for readers of the zip. */
    public static final int FORMAT_VERSION = CheckpointManifest.FORMAT_VERSION;
    public static final String MANIFEST = "manifest.json";
    public static final String GENERATOR = "generator.zip";
    public static final String DISCRIMINATOR = "discriminator.zip";
    public static final String STACKED = "stacked.zip";
    /** Weights entries in the order they are written. */
    public static final List<String> WEIGHTS = List.of(GENERATOR, DISCRIMINATOR, STACKED);

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private CheckpointFormat() {
    }

    /**
     * Writes {@code checkpoint} as a zip to {@code out} (not closed).
     *
     * @return the manifest as written, with the SHA-256 of every weights entry
     */
    public static CheckpointManifest write(Checkpoint checkpoint, OutputStream out) throws IOException {
        Map<String, byte[]> weights = new LinkedHashMap<>();
        weights.put(GENERATOR, serialise(checkpoint.generator(), false));
        weights.put(DISCRIMINATOR, serialise(checkpoint.discriminator(), true));
        weights.put(STACKED, serialise(checkpoint.stacked(), true));
        Map<String, String> hashes = new LinkedHashMap<>();
        weights.forEach((name, bytes) -> hashes.put(name, sha256(bytes)));
        CheckpointManifest manifest = checkpoint.manifest().withSha256(hashes);

        ZipOutputStream zip = new ZipOutputStream(new NonClosingOutputStream(out));
        putEntry(zip, MANIFEST, JSON.writeValueAsBytes(manifest));
        for (Map.Entry<String, byte[]> entry : weights.entrySet()) {
            putEntry(zip, entry.getKey(), entry.getValue());
        }
        zip.finish();
        zip.flush();
        return manifest;
    }

    /** Writes {@code checkpoint} into a byte array. */
    public static byte[] toBytes(Checkpoint checkpoint) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(checkpoint, out);
        return out.toByteArray();
    }

    /**
     * Reads a whole checkpoint (for resuming), verifying every hash.
     *
     * @throws CheckpointException for anything that is not a complete, intact checkpoint of this format
     */
    public static Checkpoint read(InputStream in) throws IOException {
        byte[] zip;
        try {
            zip = in.readAllBytes();
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint: " + e.getMessage(), e);
        }
        Map<String, byte[]> entries = readEntries(new ByteArrayInputStream(zip), -1);
        CheckpointManifest manifest = manifest(entries);
        for (String name : WEIGHTS) {
            verify(manifest, name, entries);
        }
        // a stream reader never looks at the zip's directory at the end; a cut there would go unnoticed
        if (!endsWithZipDirectory(zip)) {
            throw new CheckpointException("checkpoint is truncated (its zip directory is missing or cut off)");
        }
        return new Checkpoint(manifest,
                restore(entries, GENERATOR, false),
                restore(entries, DISCRIMINATOR, true),
                restore(entries, STACKED, true));
    }

    /**
     * The fast path for samplers: reads only the manifest and the generator, verifies the generator's hash, and
     * stops reading (the caller closes {@code in}).
     */
    public static GeneratorCheckpoint readGeneratorOnly(InputStream in) throws IOException {
        Map<String, byte[]> entries = readEntries(in, 2);
        CheckpointManifest manifest = manifest(entries);
        verify(manifest, GENERATOR, entries);
        return new GeneratorCheckpoint(manifest, restore(entries, GENERATOR, false));
    }

    /** The manifest alone (first entry), without verifying any weights. */
    public static CheckpointManifest readManifest(InputStream in) throws IOException {
        return manifest(readEntries(in, 1));
    }

    /** The manifest as JSON, e.g. for logs and object metadata. */
    public static String manifestJson(CheckpointManifest manifest) {
        try {
            return JSON.writeValueAsString(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("manifest not serialisable", e);
        }
    }

    /** Reads entries in order; stops after {@code limit} entries when {@code limit > 0}. */
    private static Map<String, byte[]> readEntries(InputStream in, int limit) throws CheckpointException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try {
            ZipInputStream zip = new ZipInputStream(in);
            ZipEntry entry;
            while ((limit <= 0 || entries.size() < limit) && (entry = zip.getNextEntry()) != null) {
                if (entries.containsKey(entry.getName())) {
                    throw new CheckpointException("checkpoint has entry '" + entry.getName() + "' twice");
                }
                entries.put(entry.getName(), zip.readAllBytes());
            }
        } catch (EOFException e) {
            throw new CheckpointException("checkpoint is truncated (unexpected end of data after entries "
                    + entries.keySet() + ")", e);
        } catch (ZipException e) {
            throw new CheckpointException("checkpoint is corrupt (zip error after entries " + entries.keySet()
                    + ": " + e.getMessage() + ")", e);
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint: " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            throw new CheckpointException("not a checkpoint: empty input or not a zip file");
        }
        return entries;
    }

    /** True if the end-of-central-directory record (signature PK 5 6) is where a complete zip has it. */
    private static boolean endsWithZipDirectory(byte[] zip) {
        int minimum = 22;
        int maxComment = 0xFFFF;
        for (int at = zip.length - minimum; at >= 0 && at >= zip.length - minimum - maxComment; at--) {
            if (zip[at] == 0x50 && zip[at + 1] == 0x4b && zip[at + 2] == 0x05 && zip[at + 3] == 0x06) {
                int commentLength = (zip[at + 20] & 0xFF) | (zip[at + 21] & 0xFF) << 8;
                return at + minimum + commentLength == zip.length;
            }
        }
        return false;
    }

    private static CheckpointManifest manifest(Map<String, byte[]> entries) throws CheckpointException {
        String first = entries.keySet().iterator().next();
        if (!MANIFEST.equals(first)) {
            throw new CheckpointException("not a checkpoint: first entry is '" + first + "', expected " + MANIFEST);
        }
        CheckpointManifest manifest;
        try {
            manifest = JSON.readValue(entries.get(MANIFEST), CheckpointManifest.class);
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(MANIFEST + " is not a valid manifest: " + e.getMessage(), e);
        }
        if (manifest.formatVersion() != FORMAT_VERSION) {
            throw new CheckpointException("unsupported checkpoint format version " + manifest.formatVersion()
                    + " (this build reads version " + FORMAT_VERSION + ")");
        }
        return manifest;
    }

    private static void verify(CheckpointManifest manifest, String name, Map<String, byte[]> entries)
            throws CheckpointException {
        String expected = manifest.sha256().get(name);
        if (expected == null) {
            throw new CheckpointException(MANIFEST + " has no SHA-256 for " + name);
        }
        byte[] bytes = entries.get(name);
        if (bytes == null) {
            throw new CheckpointException("checkpoint has no entry " + name + " (truncated?); entries: "
                    + entries.keySet());
        }
        String actual = sha256(bytes);
        if (!actual.equalsIgnoreCase(expected)) {
            throw new CheckpointException("SHA-256 mismatch for " + name + ": manifest says " + expected
                    + ", content is " + actual);
        }
    }

    private static MultiLayerNetwork restore(Map<String, byte[]> entries, String name, boolean updater)
            throws CheckpointException {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(entries.get(name)), updater);
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException("cannot restore the network in " + name + ": " + e.getMessage(), e);
        }
    }

    private static byte[] serialise(MultiLayerNetwork network, boolean withUpdater) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network, bytes, withUpdater);
        return bytes.toByteArray();
    }

    private static void putEntry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Lets the zip finish without closing the caller's stream. */
    private static final class NonClosingOutputStream extends java.io.FilterOutputStream {
        NonClosingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
