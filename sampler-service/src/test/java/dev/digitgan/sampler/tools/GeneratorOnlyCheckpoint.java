package dev.digitgan.sampler.tools;

import dev.digitgan.model.checkpoint.CheckpointFormat;
import dev.digitgan.model.checkpoint.CheckpointManifest;
import dev.digitgan.sampler.model.ModelLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * The shipped model's file: a checkpoint zip cut down to the two entries a sampler reads
 * ({@code manifest.json}, then {@code generator.zip}), a third of a full checkpoint's size. Entry names,
 * order and manifest JSON are CheckpointFormat's own, so {@code CheckpointFormat.readGeneratorOnly} reads
 * it and checks the generator's hash.
 */
public final class GeneratorOnlyCheckpoint {

    private GeneratorOnlyCheckpoint() {
    }

    public static byte[] write(CheckpointManifest manifest, MultiLayerNetwork generator) throws IOException {
        ByteArrayOutputStream weights = new ByteArrayOutputStream();
        ModelSerializer.writeModel(generator, weights, false);
        byte[] generatorBytes = weights.toByteArray();
        CheckpointManifest withHash = manifest.withSha256(Map.of(CheckpointFormat.GENERATOR, ModelLoader.sha256(generatorBytes)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(CheckpointFormat.MANIFEST));
            zip.write(CheckpointFormat.manifestJson(withHash).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(CheckpointFormat.GENERATOR));
            zip.write(generatorBytes);
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
