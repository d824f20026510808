package dev.digitgan.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The folder with the servers' jars, laid out by this module's build ({@code target/stack}):
 * {@code kafka/*.jar} (the broker's runtime classpath) and {@code s3proxy/s3proxy.jar}.
 *
 * @param dir the folder
 */
public record StackHome(Path dir) {

    /** System property naming the folder explicitly. */
    public static final String HOME_PROPERTY = "digitgan.stack.home";
    /** System property set by surefire (root pom) to the repository root. */
    public static final String REPO_ROOT_PROPERTY = "digitgan.repo.root";

    private static final Path IN_REPO = Path.of("local-stack", "target", "stack");

    public StackHome {
        dir = dir.toAbsolutePath().normalize();
    }

    /**
     * Finds the folder: {@value #HOME_PROPERTY}, else {@code ${digitgan.repo.root}/local-stack/target/stack},
     * else the folder of the running {@code local-stack.jar}, else {@code local-stack/target/stack} in the
     * working directory or one of its parents.
     *
     * @throws IllegalStateException naming every place looked at if none has the jars
     */
    public static StackHome locate() {
        return locate(System::getProperty, Path.of(System.getProperty("user.dir")), runningJarFolder());
    }

    static StackHome locate(Function<String, String> properties, Path workingDir, Optional<Path> jarFolder) {
        List<Path> candidates = new ArrayList<>();
        String explicit = properties.apply(HOME_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            // An explicit setting is never second-guessed by the fallbacks.
            return require(List.of(Path.of(explicit)), HOME_PROPERTY + "=" + explicit);
        }
        String repoRoot = properties.apply(REPO_ROOT_PROPERTY);
        if (repoRoot != null && !repoRoot.isBlank()) {
            candidates.add(Path.of(repoRoot).resolve(IN_REPO));
        }
        jarFolder.ifPresent(candidates::add);
        for (Path dir = workingDir.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            candidates.add(dir.resolve(IN_REPO));
        }
        return require(candidates, null);
    }

    private static StackHome require(List<Path> candidates, String setting) {
        List<String> problems = new ArrayList<>();
        for (Path candidate : candidates) {
            StackHome home = new StackHome(candidate);
            Optional<String> problem = home.problem();
            if (problem.isEmpty()) {
                return home;
            }
            problems.add(problem.get());
        }
        throw new IllegalStateException("Kafka/S3Proxy jars for the local stack not found"
                + (setting == null ? "" : " (" + setting + ")")
                + "; run `mvn -pl local-stack package` first. Looked at:"
                + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", problems));
    }

    /** Why this folder cannot be used, if it cannot. */
    Optional<String> problem() {
        if (!Files.isDirectory(kafkaDir())) {
            return Optional.of(kafkaDir() + " does not exist");
        }
        if (!Files.isRegularFile(s3proxyJar())) {
            return Optional.of(s3proxyJar() + " does not exist");
        }
        // copy-dependencies never deletes: after a version change two brokers would share a classpath.
        for (String artifact : List.of("kafka_2.13-", "kafka-clients-")) {
            long count = countJars(artifact);
            if (count != 1) {
                return Optional.of(kafkaDir() + " has " + count + " " + artifact + "*.jar files (expected 1; "
                        + "run `mvn -pl local-stack clean package`)");
            }
        }
        return Optional.empty();
    }

    private long countJars(String prefix) {
        try (Stream<Path> files = Files.list(kafkaDir())) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith(prefix) && n.endsWith(".jar") && !n.endsWith("-sources.jar"))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path kafkaDir() {
        return dir.resolve("kafka");
    }

    /** The broker's classpath as one wildcard entry, expanded by the java launcher. */
    String kafkaClasspath() {
        return kafkaDir().resolve("*").toString();
    }

    Path s3proxyJar() {
        return dir.resolve("s3proxy").resolve("s3proxy.jar");
    }

    /** The Main-Class of the S3Proxy jar, as {@code java -jar} would run it. */
    String s3proxyMainClass() {
        try (JarFile jar = new JarFile(s3proxyJar().toFile())) {
            String main = jar.getManifest() == null ? null
                    : jar.getManifest().getMainAttributes().getValue("Main-Class");
            if (main == null) {
                throw new IllegalStateException(s3proxyJar() + " has no Main-Class in its manifest");
            }
            return main;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + s3proxyJar(), e);
        }
    }

    /** The folder of local-stack.jar when this class runs from it ({@code java -jar .../stack/local-stack.jar}). */
    private static Optional<Path> runningJarFolder() {
        try {
            CodeSource source = StackHome.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            Path location = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(location) ? Optional.ofNullable(location.getParent()) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException | SecurityException | UnsupportedOperationException e) {
            // Exotic class loaders (for example in-memory ones) have no usable location.
            return Optional.empty();
        }
    }
}
