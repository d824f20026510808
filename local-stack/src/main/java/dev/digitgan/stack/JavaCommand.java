package dev.digitgan.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A command line for a child JVM that runs {@code mainClass} under {@link OrphanGuard}.
 *
 * @param jvmOptions heap limits, GC choice, system properties
 * @param classpath  entries; a {@code dir/*} wildcard is expanded by the java launcher
 * @param mainClass  the server's main class
 * @param arguments  the server's arguments
 */
record JavaCommand(List<String> jvmOptions, List<String> classpath, String mainClass, List<String> arguments) {

    JavaCommand {
        jvmOptions = List.copyOf(jvmOptions);
        classpath = List.copyOf(classpath);
        Objects.requireNonNull(mainClass, "mainClass");
        arguments = List.copyOf(arguments);
        if (classpath.isEmpty()) {
            throw new IllegalArgumentException("empty classpath for " + mainClass);
        }
    }

    /**
     * @param guardRoot a classpath root holding {@link OrphanGuard} (see {@link #installGuard(Path)})
     */
    List<String> commandLine(Path guardRoot) {
        List<String> line = new ArrayList<>();
        line.add(javaExecutable().toString());
        line.addAll(jvmOptions);
        line.add("-cp");
        List<String> entries = new ArrayList<>();
        entries.add(guardRoot.toAbsolutePath().toString());
        entries.addAll(classpath);
        line.add(String.join(java.io.File.pathSeparator, entries));
        line.add(OrphanGuard.class.getName());
        line.add(mainClass);
        line.addAll(arguments);
        return line;
    }

    /** The java of the running JVM, so children use the same, known-good runtime. */
    static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * Copies the {@link OrphanGuard} class file into {@code dir} (as a classpath root) and returns it.
     * Copying the single class keeps the rest of this module (and whatever class loader loaded it, for
     * example Quarkus's) off the servers' classpaths.
     */
    static Path installGuard(Path dir) {
        String resource = OrphanGuard.class.getSimpleName() + ".class";
        Path target = dir.resolve(OrphanGuard.class.getPackageName().replace('.', '/')).resolve(resource);
        try (InputStream in = OrphanGuard.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("class file of " + OrphanGuard.class.getName() + " not found");
            }
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install " + target, e);
        }
    }
}
