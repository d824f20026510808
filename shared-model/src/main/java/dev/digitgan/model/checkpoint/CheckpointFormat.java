package dev.digitgan.model.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.digitgan.model.nets.GanNetworks;
import dev.digitgan.model.spec.GanSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one checkpoint format: a zip whose first entry is {@code manifest.json} ({@link CheckpointManifest}), then
 * the generator's parameters, then the training state. Format 2 (what this build writes):
 * <ol>
 *   <li>{@code manifest.json} — run, version, the {@code GanSpec}, hashes of the entries below;</li>
 *   <li>{@code generator.bin} — G's flat parameter vector, float32 little-endian, nothing else;</li>
 *   <li>{@code training.json}, {@code discriminator.bin}, {@code discriminator-adam.bin}, {@code stacked.bin},
 *       {@code stacked-adam.bin} — for resuming: iteration counts, and D's and the stacked network's parameters
 *       and Adam state as float32 arrays ({@link TrainingState}).</li>
 * </ol>
 *
 * <p><b>Bytes are data, never code.</b> Every network is rebuilt from the manifest's spec with {@link GanNetworks}
 * (the project's own builder) and only arrays of numbers are read, their lengths checked against the rebuilt
 * network's before they are used; nothing in a checkpoint names a class that gets instantiated, and no path here
 * reaches DL4J's ModelSerializer. Older checkpoints hold ModelSerializer zips: format 1's {@code generator.zip}
 * (format 1 is up to 2026-12-01, and the sampler's shipped model), and {@code discriminator.zip} /
 * {@code stacked.zip} (format 1, and format 2 until 2026-12-02). They are read as data: their
 * {@code configuration.json} (JSON that names DL4J classes) is skipped, not parsed, their {@code coefficients.bin}
 * and {@code updaterState.bin} are parsed as plain ND4J array data ({@link ParameterArrays}), and any other entry
 * (a {@code preprocessor.bin}, which ModelSerializer would read with {@code ObjectInputStream}) refuses the
 * checkpoint. Every entry's inflated size and the number of entries are capped ({@link CheckpointLimits}).
 *
 * <p>The version stays 2 although the training state changed: the part samplers read (manifest, then
 * {@code generator.bin}) did not, so samplers of the previous build keep reading new checkpoints; the manifest's
 * hashes name the training-state entries a checkpoint has, and that tells the two apart.
 *
 * <p>Manifest first, generator second: a sampler reads {@link #readGeneratorOnly} from a stream and stops after
 * two entries, verifying the generator's hash without touching the (larger) training state.
 */
public final class CheckpointFormat {

    /** The one value lives in the manifest record (shared-contract); this name is kept for readers of the zip. */
    public static final int FORMAT_VERSION = CheckpointManifest.FORMAT_VERSION;
    /** The format before {@code generator.bin}; still read, through the same safe generator path. */
    public static final int LEGACY_FORMAT_VERSION = 1;
    public static final String MANIFEST = "manifest.json";
    public static final String GENERATOR = "generator.bin";
    /** Format 1's generator entry, a ModelSerializer zip (read safely, never written). */
    public static final String LEGACY_GENERATOR = "generator.zip";
    public static final String TRAINING_COUNTERS = TrainingState.COUNTERS;
    public static final String DISCRIMINATOR = TrainingState.DISCRIMINATOR;
    public static final String DISCRIMINATOR_ADAM = TrainingState.DISCRIMINATOR_ADAM;
    public static final String STACKED = TrainingState.STACKED;
    public static final String STACKED_ADAM = TrainingState.STACKED_ADAM;
    /** The training state of older checkpoints, ModelSerializer zips (read safely, never written). */
    public static final String LEGACY_DISCRIMINATOR = TrainingState.LEGACY_DISCRIMINATOR;
    public static final String LEGACY_STACKED = TrainingState.LEGACY_STACKED;
    /** The entries after the manifest, in the order they are written; the manifest hashes each. */
    public static final List<String> ENTRIES = List.of(GENERATOR, TRAINING_COUNTERS, DISCRIMINATOR,
            DISCRIMINATOR_ADAM, STACKED, STACKED_ADAM);

    /** The entries of a format-1 {@code generator.zip} that are read: its parameters; its configuration is skipped. */
    private static final String DL4J_CONFIGURATION = "configuration.json";
    private static final String DL4J_COEFFICIENTS = "coefficients.bin";

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
        return writeEntries(checkpoint.manifest(), weights(checkpoint), out).manifest();
    }

    /**
     * Writes {@code checkpoint} into a byte array and says where its generator part ends: the first
     * {@link CheckpointBytes#generatorPartBytes()} bytes hold the manifest and generator entries whole, which is
     * all {@link #readGeneratorOnly} reads, so a sampler can range-read them alone.
     */
    public static CheckpointBytes encode(Checkpoint checkpoint) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Written written = writeEntries(checkpoint.manifest(), weights(checkpoint), out);
        byte[] zip = out.toByteArray();
        return new CheckpointBytes(zip, written.generatorPartBytes(),
                sha256(java.util.Arrays.copyOf(zip, (int) written.generatorPartBytes())));
    }

    private static Map<String, byte[]> weights(Checkpoint checkpoint) throws IOException {
        Map<String, byte[]> weights = new LinkedHashMap<>();
        weights.put(GENERATOR, ParameterArrays.toLittleEndian(checkpoint.generator().params()));
        weights.putAll(TrainingState.entries(checkpoint.discriminator(), checkpoint.stacked()));
        return weights;
    }

    private record Written(CheckpointManifest manifest, long generatorPartBytes) {
    }

    /**
     * A checkpoint cut down to what a sampler reads (manifest and generator), e.g. the sampler's shipped model;
     * {@link #readGeneratorOnly} reads it, {@link #read} does not (it has no training state).
     */
    public static byte[] writeGeneratorOnly(CheckpointManifest manifest, MultiLayerNetwork generator)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeEntries(manifest, Map.of(GENERATOR, ParameterArrays.toLittleEndian(generator.params())), out);
        return out.toByteArray();
    }

    /** Writes the manifest, then {@code weights} in their order (the generator first). */
    private static Written writeEntries(CheckpointManifest base, Map<String, byte[]> weights,
            OutputStream out) throws IOException {
        Map<String, String> hashes = new LinkedHashMap<>();
        weights.forEach((name, bytes) -> hashes.put(name, sha256(bytes)));
        CheckpointManifest manifest = new CheckpointManifest(FORMAT_VERSION, base.runId(), base.version(),
                base.spec(), base.epoch(), base.step(), base.createdAt(), hashes, base.losses(), base.quality());
        NonClosingOutputStream counted = new NonClosingOutputStream(out);
        ZipOutputStream zip = new ZipOutputStream(counted);
        putEntry(zip, MANIFEST, JSON.writeValueAsBytes(manifest));
        long generatorPartBytes = -1;
        for (Map.Entry<String, byte[]> entry : weights.entrySet()) {
            putEntry(zip, entry.getKey(), entry.getValue());
            if (generatorPartBytes < 0) {
                // closeEntry wrote the generator's last bytes and data descriptor straight through: nothing is held
                generatorPartBytes = counted.written;
            }
        }
        zip.finish();
        zip.flush();
        return new Written(manifest, generatorPartBytes);
    }

    /** Writes {@code checkpoint} into a byte array. */
    public static byte[] toBytes(Checkpoint checkpoint) throws IOException {
        return encode(checkpoint).zip();
    }

    /**
     * Reads a whole checkpoint (for resuming), verifying every hash, within {@link CheckpointLimits#DEFAULT}.
     *
     * @throws CheckpointException for anything that is not a complete, intact checkpoint of this format
     */
    public static Checkpoint read(InputStream in) throws IOException {
        return read(in, CheckpointLimits.DEFAULT);
    }

    public static Checkpoint read(InputStream in, CheckpointLimits limits) throws IOException {
        byte[] zip;
        try {
            zip = in.readAllBytes();
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint: " + e.getMessage(), e);
        }
        Map<String, byte[]> entries = readEntries(new ByteArrayInputStream(zip), 0, limits);
        CheckpointManifest manifest = manifest(entries);
        List<String> named = weights(manifest);
        for (String name : named) {
            verify(manifest, name, entries);
        }
        for (String name : entries.keySet()) {
            if (!name.equals(MANIFEST) && !named.contains(name)) {
                throw new CheckpointRefusedException("checkpoint has an entry its kind of checkpoint does not have: '"
                        + name + "' (expected " + named + ")");
            }
        }
        // a stream reader never looks at the zip's directory at the end; a cut there would go unnoticed
        if (!endsWithZipDirectory(zip)) {
            throw new CheckpointException("checkpoint is truncated (its zip directory is missing or cut off)");
        }
        MultiLayerNetwork generator = generator(manifest, entries, limits);
        TrainingState.Networks training = TrainingState.read(manifest, entries, limits);
        return new Checkpoint(manifest, generator, training.discriminator(), training.stacked());
    }

    /**
     * The path for samplers: reads only the manifest and the generator, verifies the generator's hash, rebuilds G
     * from the spec, and stops reading (the caller closes {@code in}). Runs no deserialisation of any kind on
     * the bytes beyond the manifest's plain JSON.
     */
    public static GeneratorCheckpoint readGeneratorOnly(InputStream in) throws IOException {
        return readGeneratorOnly(in, CheckpointLimits.DEFAULT);
    }

    public static GeneratorCheckpoint readGeneratorOnly(InputStream in, CheckpointLimits limits) throws IOException {
        Map<String, byte[]> entries = readEntries(in, 2, limits);
        CheckpointManifest manifest = manifest(entries);
        return new GeneratorCheckpoint(manifest, generator(manifest, entries, limits));
    }

    /** The manifest alone (first entry), without verifying any weights. */
    public static CheckpointManifest readManifest(InputStream in) throws IOException {
        return manifest(readEntries(in, 1, CheckpointLimits.DEFAULT));
    }

    /** The manifest as JSON, e.g. for logs and object metadata. */
    public static String manifestJson(CheckpointManifest manifest) {
        try {
            return JSON.writeValueAsString(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("manifest not serialisable", e);
        }
    }

    /** The entries after the manifest that a whole checkpoint of this manifest has, generator first. */
    static List<String> weights(CheckpointManifest manifest) {
        if (manifest.formatVersion() == LEGACY_FORMAT_VERSION) {
            return List.of(LEGACY_GENERATOR, LEGACY_DISCRIMINATOR, LEGACY_STACKED);
        }
        return TrainingState.isLegacy(manifest) ? List.of(GENERATOR, LEGACY_DISCRIMINATOR, LEGACY_STACKED) : ENTRIES;
    }

    /** The generator network's parameter count for {@code spec}, from its configuration (nothing allocated). */
    public static long generatorParameters(GanSpec spec) {
        return parameters(GanNetworks.generatorConfiguration(spec));
    }

    /** A network's parameter count from its configuration, without building it. */
    static long parameters(MultiLayerConfiguration conf) {
        long count = 0;
        for (NeuralNetConfiguration layer : conf.getConfs()) {
            count = Math.addExact(count, layer.getLayer().initializer().numParams(layer));
        }
        return count;
    }

    /** G from the spec, with the parameters of the manifest's generator entry (hash verified). */
    private static MultiLayerNetwork generator(CheckpointManifest manifest, Map<String, byte[]> entries,
            CheckpointLimits limits) throws CheckpointException {
        String name = weights(manifest).get(0);
        verify(manifest, name, entries);
        MultiLayerConfiguration conf;
        long count;
        try {
            conf = GanNetworks.generatorConfiguration(manifest.spec());
            count = parameters(conf);
        } catch (RuntimeException e) {
            throw new CheckpointException("the manifest's spec does not describe a buildable generator: "
                    + e.getMessage(), e);
        }
        if (count > limits.maxGeneratorParameters()) {
            throw new CheckpointRefusedException("the manifest's spec asks for a generator of " + count
                    + " parameters, more than the limit of " + limits.maxGeneratorParameters() + " (CheckpointLimits)");
        }
        float[] values = name.equals(GENERATOR)
                ? ParameterArrays.fromLittleEndian(entries.get(name), count, name, "generator")
                : legacyGeneratorParameters(entries.get(name), count, limits);
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init(Nd4j.create(values, new long[] {1, values.length}, 'c'), false);
        if (network.numParams() != count) {
            throw new ParameterCountException("the generator built from the spec has " + network.numParams()
                    + " parameters, its configuration says " + count);
        }
        return network;
    }

    /** {@code coefficients.bin} of a format-1 {@code generator.zip}; its configuration is skipped, unparsed. */
    private static float[] legacyGeneratorParameters(byte[] zip, long count, CheckpointLimits limits)
            throws CheckpointException {
        long coefficientsCap = count * Float.BYTES + CheckpointLimits.ARRAY_HEADER_BYTES;
        Map<String, byte[]> inner = LimitedZip.read(new ByteArrayInputStream(zip), LEGACY_GENERATOR, 0,
                limits.maxEntries(), (index, name) -> switch (name) {
                    case DL4J_CONFIGURATION -> (long) limits.maxManifestBytes();
                    case DL4J_COEFFICIENTS -> coefficientsCap;
                    default -> null;
                });
        byte[] coefficients = inner.get(DL4J_COEFFICIENTS);
        if (coefficients == null) {
            throw new CheckpointException(LEGACY_GENERATOR + " has no " + DL4J_COEFFICIENTS + "; entries: "
                    + inner.keySet());
        }
        return ParameterArrays.fromNd4jBinary(coefficients, count, LEGACY_GENERATOR + "/" + DL4J_COEFFICIENTS,
                "generator");
    }

    /** Reads entries in order, each within its cap; stops after {@code stopAfter} entries when {@code > 0}. */
    private static Map<String, byte[]> readEntries(InputStream in, int stopAfter, CheckpointLimits limits)
            throws CheckpointException {
        return LimitedZip.read(in, "checkpoint", stopAfter, limits.maxEntries(), (index, name) -> {
            if (index == 0 && !MANIFEST.equals(name)) {
                throw new CheckpointException("not a checkpoint: first entry is '" + name + "', expected "
                        + MANIFEST);
            }
            return switch (name) {
                case MANIFEST -> (long) limits.maxManifestBytes();
                case GENERATOR, LEGACY_GENERATOR -> limits.maxGeneratorBytes();
                case TRAINING_COUNTERS -> (long) limits.maxManifestBytes();
                case DISCRIMINATOR, DISCRIMINATOR_ADAM, STACKED, STACKED_ADAM, LEGACY_DISCRIMINATOR, LEGACY_STACKED ->
                        limits.maxTrainingStateBytes();
                default -> null;
            };
        });
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
        if (manifest.formatVersion() != FORMAT_VERSION && manifest.formatVersion() != LEGACY_FORMAT_VERSION) {
            throw new CheckpointException("unsupported checkpoint format version " + manifest.formatVersion()
                    + " (this build reads versions " + LEGACY_FORMAT_VERSION + " and " + FORMAT_VERSION + ")");
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

    /** Lets the zip finish without closing the caller's stream, and counts what passes through. */
    private static final class NonClosingOutputStream extends java.io.FilterOutputStream {
        long written;

        NonClosingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            written++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            written += len;
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
