package dev.digitgan.sampler.storage;

import dev.digitgan.sampler.config.SamplerConfig;
import dev.digitgan.sampler.reload.LoadJournal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The {@link LoadJournal} as small files in this replica's state folder ({@code digitgan.sampler.state-dir}, default
 * {@code <java.io.tmpdir>/digitgan-sampler/<group id>}): {@code rejected/<sha256>} holds the version and the reason,
 * {@code loading/<sha256>} the number of loads of those bytes that started and did not finish. Kubernetes mounts an
 * emptyDir at {@code /tmp} and compose a volume, both kept across restarts of the container, and the group id is the
 * pod's (or container's) name there, so a crash-looping container finds what it wrote before it died; a replica with
 * the default random group id (local runs, tests) starts with a folder of its own.
 *
 * <p>Per replica, not shared: a verdict of one replica's build and limits is not imposed on the others, and a
 * replica that died for another reason (evicted mid-load) costs only a strike on its own journal.
 */
@ApplicationScoped
public class LocalLoadJournal implements LoadJournal {

    private static final Logger LOG = Logger.getLogger(LocalLoadJournal.class);
    /** Keys are SHA-256 hex from the event (already checked there); checked again because they become file names. */
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path rejected;
    private final Path loading;

    @Inject
    public LocalLoadJournal(SamplerConfig config) {
        this(config.stateDir().filter(dir -> !dir.isBlank()).map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "digitgan-sampler",
                        config.groupId().replaceAll("[^A-Za-z0-9._-]", "_"))));
    }

    public LocalLoadJournal(Path folder) {
        this.rejected = folder.resolve("rejected");
        this.loading = folder.resolve("loading");
        try {
            Files.createDirectories(rejected);
            Files.createDirectories(loading);
        } catch (IOException e) {
            LOG.warnf("load journal in %s cannot be created (%s): rejections are forgotten at restart", folder,
                    e.getMessage());
        }
    }

    @Override
    public Optional<String> rejection(String sha256) {
        return read(rejected, sha256).map(text -> text.substring(text.indexOf('\n') + 1));
    }

    @Override
    public void rememberRejection(String sha256, String modelVersion, String reason) {
        write(rejected, sha256, modelVersion + "\n" + reason);
    }

    @Override
    public int unfinishedLoads(String sha256) {
        try {
            return read(loading, sha256).map(String::trim).map(Integer::parseInt).orElse(0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void loadStarted(String sha256) {
        write(loading, sha256, Integer.toString(unfinishedLoads(sha256) + 1));
    }

    @Override
    public void loadFinished(String sha256) {
        if (SHA256.matcher(sha256).matches()) {
            try {
                Files.deleteIfExists(loading.resolve(sha256));
            } catch (IOException e) {
                LOG.warnf("cannot clear the load journal entry %s: %s", sha256, e.getMessage());
            }
        }
    }

    private static Optional<String> read(Path folder, String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            return Optional.empty();
        }
        Path file = folder.resolve(sha256);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            LOG.warnf("cannot read the load journal entry %s: %s", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Write beside, then rename: a process killed mid-write leaves the old entry or the new one, never half. */
    private static void write(Path folder, String sha256, String content) {
        if (!SHA256.matcher(sha256).matches()) {
            return;
        }
        Path target = folder.resolve(sha256);
        try {
            Path temp = Files.createTempFile(folder, sha256, ".tmp");
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warnf("cannot write the load journal entry %s: %s", target, e.getMessage());
        }
    }
}
