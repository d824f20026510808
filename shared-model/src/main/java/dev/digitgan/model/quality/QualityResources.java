package dev.digitgan.model.quality;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The evaluator's shipped files (classpath folder {@value #FOLDER}) and their SHA-256 pins. The pins live only in
 * {@value #PINS} (sha256sum format), which the training command rewrites together with the files it pins; every
 * load hashes the bytes it read and refuses them unless they match.
 */
final class QualityResources {

    static final String FOLDER = "/quality/";
    static final String WEIGHTS = "classifier.weights";
    static final String TEST_FEATURES = "mnist-test-features.stats";
    static final String PINS = "quality.sha256";
    /** Where the files live in the source tree, for the training command (relative to the repository root). */
    static final Path SOURCE_FOLDER = Path.of("shared-model/src/main/resources/quality");

    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64}) [ *](\\S+)");

    private QualityResources() {
    }

    /** The bytes of a shipped file, verified against its pin. */
    static byte[] read(String name) {
        return verified(name, readResource(name), pins());
    }

    /** {@code bytes} if their SHA-256 is the one {@code pins} pins for {@code name}; else an exception saying so. */
    static byte[] verified(String name, byte[] bytes, Map<String, String> pins) {
        String pinned = pins.get(name);
        if (pinned == null) {
            throw new IllegalStateException(FOLDER + PINS + " pins no SHA-256 for " + name);
        }
        String actual = sha256(bytes);
        if (!actual.equals(pinned)) {
            throw new IllegalStateException("quality evaluator file " + FOLDER + name + " has SHA-256 " + actual
                    + ", not the pinned " + pinned + " (" + FOLDER + PINS + "); the file is corrupt or was replaced"
                    + " without scripts/train-classifier.sh");
        }
        return bytes;
    }

    /** Writes the two files and their pins into {@code folder} (the training command's output). */
    static void write(Path folder, byte[] weights, byte[] testFeatures) throws IOException {
        Files.createDirectories(folder);
        Files.write(folder.resolve(WEIGHTS), weights);
        Files.write(folder.resolve(TEST_FEATURES), testFeatures);
        String pins = "# SHA-256 of the quality evaluator's files, written by scripts/train-classifier.sh\n"
                + sha256(weights) + "  " + WEIGHTS + "\n"
                + sha256(testFeatures) + "  " + TEST_FEATURES + "\n";
        Files.writeString(folder.resolve(PINS), pins, StandardCharsets.UTF_8);
    }

    static Map<String, String> pins() {
        return parsePins(new String(readResource(PINS), StandardCharsets.UTF_8));
    }

    static Map<String, String> parsePins(String text) {
        Map<String, String> pins = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(trimmed);
            if (!m.matches()) {
                throw new IllegalStateException(FOLDER + PINS + ": not a sha256sum line: '" + line + "'");
            }
            pins.put(m.group(2), m.group(1));
        }
        return pins;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    private static byte[] readResource(String name) {
        try (InputStream in = QualityResources.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + FOLDER + name + " is missing; "
                        + "scripts/train-classifier.sh writes it");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath resource " + FOLDER + name, e);
        }
    }
}
