package dev.digitgan.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/** Throw-away data folders for test stacks. */
final class DataDirs {

    /** Set to {@code true} to keep test stacks' folders (logs, topics, objects) for a post-mortem. */
    static final String KEEP_PROPERTY = "digitgan.stack.keep-data";

    private DataDirs() {
    }

    /** {@code target/local-stack-<random>} of the calling module (surefire runs in the module folder). */
    static Path newUnderTarget() {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return Path.of(System.getProperty("user.dir"), "target", "local-stack-" + HexFormat.of().formatHex(random))
                .toAbsolutePath();
    }

    /** Deletes {@code dir} and everything in it, unless {@value #KEEP_PROPERTY} is set. */
    static void deleteUnlessKept(Path dir) {
        if (Boolean.getBoolean(KEEP_PROPERTY) || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
