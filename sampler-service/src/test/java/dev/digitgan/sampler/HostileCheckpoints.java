package dev.digitgan.sampler;

import dev.digitgan.model.checkpoint.CheckpointFormat;
import dev.digitgan.model.checkpoint.CheckpointManifest;
import dev.digitgan.model.nets.GanModel;
import dev.digitgan.model.nets.GanNetworks;
import dev.digitgan.sampler.model.ModelLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.util.ModelSerializer;

/** Checkpoint bytes an attacker with write access to the bucket could store: each is a valid zip. */
public final class HostileCheckpoints {

    private HostileCheckpoints() {
    }

    /**
     * A format-1 checkpoint of {@code runId@version} (as this project wrote them before format 2) whose
     * {@code generator.zip} also holds a {@code preprocessor.bin}: a serialised {@link Tripwire}, which DL4J's
     * ModelSerializer would hand to {@code ObjectInputStream}. Hashes in the manifest match, so only the content
     * can refuse it.
     */
    public static byte[] withSerialisedObject(String runId, long version) throws IOException {
        GanModel model = GanNetworks.create(TinyGenerators.spec(version));
        ByteArrayOutputStream generator = new ByteArrayOutputStream();
        ModelSerializer.writeModel(model.generator(), generator, false);
        Map<String, byte[]> inner = entries(generator.toByteArray());
        inner.put("preprocessor.bin", serialised(new Tripwire()));
        return formatOne(TinyGenerators.manifest(runId, version, model.spec()), CheckpointFormat.LEGACY_GENERATOR,
                zip(inner, Deflater.DEFAULT_COMPRESSION));
    }

    /** A checkpoint whose generator entry inflates to {@code inflated} zero bytes (the file stays tiny). */
    public static byte[] zipBomb(String runId, long version, long inflated) throws IOException {
        CheckpointManifest manifest = TinyGenerators.manifest(runId, version, TinyGenerators.spec(version));
        Map<String, byte[]> head = new LinkedHashMap<>();
        head.put(CheckpointFormat.MANIFEST, CheckpointFormat.manifestJson(manifest).getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry(CheckpointFormat.MANIFEST));
            zip.write(head.get(CheckpointFormat.MANIFEST));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(CheckpointFormat.GENERATOR));
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < inflated; written += zeros.length) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    /** Manifest (format 1, with the hash of {@code entry}) and that one weights entry. */
    public static byte[] formatOne(CheckpointManifest base, String entry, byte[] bytes) throws IOException {
        CheckpointManifest manifest = new CheckpointManifest(1, base.runId(), base.version(), base.spec(),
                base.epoch(), base.step(), base.createdAt(), Map.of(entry, ModelLoader.sha256(bytes)), base.losses(),
                base.quality());
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put(CheckpointFormat.MANIFEST, CheckpointFormat.manifestJson(manifest).getBytes(StandardCharsets.UTF_8));
        all.put(entry, bytes);
        return zip(all, Deflater.DEFAULT_COMPRESSION);
    }

    public static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    public static byte[] zip(Map<String, byte[]> entries, int level) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(level);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    public static byte[] serialised(Object payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
            objects.writeObject(payload);
        }
        return out.toByteArray();
    }

    /** Stands in for a gadget: deserialising it runs code of the payload's choosing (here: counts). */
    public static final class Tripwire implements Serializable {
        private static final long serialVersionUID = 1L;
        public static final AtomicInteger READS = new AtomicInteger();

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            READS.incrementAndGet();
        }
    }
}
