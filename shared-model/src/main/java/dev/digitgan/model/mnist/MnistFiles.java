package dev.digitgan.model.mnist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the MNIST files live and what their SHA-256 must be. The checksums are read from the
 * classpath resource {@value #CHECKSUM_RESOURCE}, the same file {@code scripts/fetch-mnist.sh}
 * verifies against, so there is exactly one copy of them.
 */
public final class MnistFiles {

    public static final Path DEFAULT_DIR = Path.of("data/mnist");
    /** {@code sha256sum} format: "&lt;64 hex digits&gt;  &lt;file name&gt;" per line. */
    public static final String CHECKSUM_RESOURCE = "/mnist.sha256";

    private static final String FETCH_HINT = "run scripts/fetch-mnist.sh to download and verify the MNIST files";

    private MnistFiles() {
    }

    public static Path imagesFile(Path dir, MnistSplit split) {
        return dir.resolve(split.imagesFileName());
    }

    public static Path labelsFile(Path dir, MnistSplit split) {
        return dir.resolve(split.labelsFileName());
    }

    /** The four file names, in the order of the checksum file. */
    public static List<String> fileNames() {
        return List.copyOf(Checksums.BY_NAME.keySet());
    }

    /** Lower-case hex SHA-256 pinned for an MNIST file name such as {@code train-images-idx3-ubyte}. */
    public static String expectedSha256(String fileName) {
        String sha = Checksums.BY_NAME.get(fileName);
        if (sha == null) {
            throw new IllegalArgumentException("no pinned SHA-256 for '" + fileName + "'; known files: "
                    + Checksums.BY_NAME.keySet());
        }
        return sha;
    }

    /**
     * Checks that all four files are in {@code dir} with their pinned checksums. Hashes about 55 MB,
     * so call it once at startup, not per load.
     *
     * @throws IOException naming every file that is missing or does not match, and how
     */
    public static void verify(Path dir) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> pinned : Checksums.BY_NAME.entrySet()) {
            Path file = dir.resolve(pinned.getKey());
            if (!Files.isRegularFile(file)) {
                problems.add(file + ": missing");
                continue;
            }
            String actual = sha256(file);
            if (!actual.equals(pinned.getValue())) {
                problems.add(file + ": SHA-256 " + actual + " does not match the pinned " + pinned.getValue());
            }
        }
        if (!problems.isEmpty()) {
            throw new IOException("MNIST files in " + dir.toAbsolutePath() + " failed verification ("
                    + FETCH_HINT + "): " + String.join("; ", problems));
        }
    }

    /** Lower-case hex SHA-256 of a file's content. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = newSha256();
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /** Parsed once, on first use; a holder class so a missing resource fails at use, with a clear message. */
    private static final class Checksums {
        private static final Pattern LINE = Pattern.compile("([0-9a-f]{64}) [ *](\\S+)");
        static final Map<String, String> BY_NAME = load();

        private static Map<String, String> load() {
            try (InputStream in = MnistFiles.class.getResourceAsStream(CHECKSUM_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("classpath resource " + CHECKSUM_RESOURCE + " is missing");
                }
                return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + CHECKSUM_RESOURCE, e);
            }
        }

        private static Map<String, String> parse(BufferedReader reader) throws IOException {
            Map<String, String> byName = new LinkedHashMap<>();
            String line;
            while ((line = reader.readLine()) != null) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                Matcher m = LINE.matcher(trimmed);
                if (!m.matches()) {
                    throw new IllegalStateException(CHECKSUM_RESOURCE + ": not a sha256sum line: '" + line + "'");
                }
                byName.put(m.group(2), m.group(1));
            }
            for (MnistSplit split : MnistSplit.values()) {
                for (String name : List.of(split.imagesFileName(), split.labelsFileName())) {
                    if (!byName.containsKey(name)) {
                        throw new IllegalStateException(CHECKSUM_RESOURCE + " has no checksum for " + name);
                    }
                }
            }
            return Collections.unmodifiableMap(byName);
        }
    }
}
