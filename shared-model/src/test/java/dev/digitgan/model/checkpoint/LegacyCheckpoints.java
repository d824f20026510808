package dev.digitgan.model.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Checkpoint zips built by hand in tests: format 1 exactly as this project wrote it before format 2 (three
 * ModelSerializer zips), format 2 with ModelSerializer training state, and zips of any entries with a manifest whose
 * hashes match them.
 */
final class LegacyCheckpoints {

    private LegacyCheckpoints() {
    }

    /** {@code checkpoint} in format 1: manifest, {@code generator.zip}, {@code discriminator.zip}, {@code stacked.zip}.
     */
    static byte[] formatOne(Checkpoint checkpoint) throws IOException {
        Map<String, byte[]> weights = new LinkedHashMap<>();
        weights.put(CheckpointFormat.LEGACY_GENERATOR, serialise(checkpoint.generator(), false));
        weights.put(CheckpointFormat.LEGACY_DISCRIMINATOR, serialise(checkpoint.discriminator(), true));
        weights.put(CheckpointFormat.LEGACY_STACKED, serialise(checkpoint.stacked(), true));
        return withManifest(checkpoint.manifest(), 1, weights);
    }

    /**
     * {@code checkpoint} in format 2 as this project wrote it until 2026-12-02: manifest, {@code generator.bin},
     * then D and the stacked network as ModelSerializer zips with their updater state.
     */
    static byte[] formatTwoWithZips(Checkpoint checkpoint) throws IOException {
        Map<String, byte[]> weights = new LinkedHashMap<>();
        weights.put(CheckpointFormat.GENERATOR, ParameterArrays.toLittleEndian(checkpoint.generator().params()));
        weights.put(CheckpointFormat.LEGACY_DISCRIMINATOR, serialise(checkpoint.discriminator(), true));
        weights.put(CheckpointFormat.LEGACY_STACKED, serialise(checkpoint.stacked(), true));
        return withManifest(checkpoint.manifest(), CheckpointFormat.FORMAT_VERSION, weights);
    }

    /** A zip of {@code manifest} (format {@code formatVersion}, hashes of {@code entries}) followed by the entries. */
    static byte[] withManifest(CheckpointManifest manifest, int formatVersion, Map<String, byte[]> entries)
            throws IOException {
        Map<String, String> hashes = new LinkedHashMap<>();
        entries.forEach((name, bytes) -> hashes.put(name, CheckpointFormat.sha256(bytes)));
        CheckpointManifest m = new CheckpointManifest(formatVersion, manifest.runId(), manifest.version(),
                manifest.spec(), manifest.epoch(), manifest.step(), manifest.createdAt(), hashes, manifest.losses(),
                manifest.quality());
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put(CheckpointFormat.MANIFEST, CheckpointFormat.manifestJson(m).getBytes(StandardCharsets.UTF_8));
        all.putAll(entries);
        return zip(all);
    }

    static byte[] serialise(MultiLayerNetwork network, boolean updater) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network, out, updater);
        return out.toByteArray();
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
