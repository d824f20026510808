package dev.digitgan.e2e;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Where the end-to-end tests find the repository (the packaged jars, MNIST) and put their files. */
final class E2ePaths {

    private E2ePaths() {
    }

    /** Surefire and failsafe set {@code digitgan.repo.root} (root pom); {@code basedir} is this module. */
    static Path repoRoot() {
        String root = System.getProperty("digitgan.repo.root");
        return root != null && !root.isBlank() ? Path.of(root).toAbsolutePath()
                : moduleTarget().getParent().getParent();
    }

    /** This module's {@code target/}. */
    static Path moduleTarget() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath()
                .resolve("target");
    }

    /** A new folder {@code target/<name>-<time>} for one test's files (its stack, its logs). */
    static Path workDir(String name) {
        return moduleTarget().resolve(name + "-" + LocalDateTime.now()
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
