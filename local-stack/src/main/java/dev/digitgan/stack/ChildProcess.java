package dev.digitgan.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A child process (a server or a tool), its output appended to a log file: the one process runner of the
 * project's stack and tests (the stack's servers, the packaged services in e2e-tests, Prometheus, chromedriver).
 *
 * <p>{@link #close()} asks it to stop (SIGTERM, so the server's own shutdown hooks run), waits for the
 * grace period, then kills it. A JVM shutdown hook does the same if nobody called close, and for JVMs
 * started from a {@link JavaCommand} {@link OrphanGuard} covers a parent that dies without running hooks.
 */
public final class ChildProcess implements AutoCloseable {

    private static final int TAIL_LINES = 40;

    // java.util.logging rather than System.Logger: under Quarkus tests the latter goes through JBoss
    // LogManager's LoggerFinder, which complains when JUL was initialised before it.
    private static final Logger LOG = Logger.getLogger(ChildProcess.class.getName());

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Duration stopGrace;
    private final Thread shutdownHook;
    private boolean stopped;

    private ChildProcess(String name, Process process, Path logFile, Duration stopGrace) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.stopGrace = stopGrace;
        this.shutdownHook = new Thread(this::close, "stop-" + name);
        try {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Started while the JVM is exiting (a retry racing Ctrl-C): nobody would stop it later.
            process.destroyForcibly();
            throw e;
        }
    }

    /**
     * Starts {@code command} in {@code workDir}, appending its stdout and stderr to {@code logFile}.
     * Its stdin stays an open pipe from this JVM: that is the parent link {@link OrphanGuard} watches.
     */
    static ChildProcess start(String name, JavaCommand command, Path workDir, Path logFile, Duration stopGrace) {
        Path guardRoot = JavaCommand.installGuard(workDir.resolve("guard"));
        return start(name, command.commandLine(guardRoot), Map.of(), workDir, logFile, stopGrace);
    }

    /**
     * Starts {@code line} as it is (no orphan guard) in {@code workDir} with {@code env} added to this JVM's
     * environment, appending its stdout and stderr to {@code logFile}.
     */
    public static ChildProcess start(String name, List<String> line, Map<String, String> env, Path workDir,
                                     Path logFile, Duration stopGrace) {
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "=== " + Instant.now() + " starting " + name + ": " + String.join(" ", line)
                    + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(line)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(env);
            Process process = builder.start();
            return new ChildProcess(name, process, logFile, stopGrace);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + String.join(" ", line) + ")", e);
        }
    }

    /** The java executable of the running JVM, so children use the same, known-good runtime. */
    public static Path javaOfThisJvm() {
        return JavaCommand.javaExecutable();
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /**
     * Throws, with the end of the log, if the process has exited: a dead server never becomes ready. An
     * {@link IllegalStateException}, not an assertion, so that a poll (Awaitility) stops at once on it.
     */
    public void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with code " + process.exitValue() + failureContext());
        }
    }

    /** What a failure message about this process should end with: where the log is and its last lines. */
    public String failureContext() {
        return System.lineSeparator() + "--- last " + TAIL_LINES + " lines of " + logFile + " ---"
                + System.lineSeparator() + logTail(TAIL_LINES);
    }

    /**
     * Waits for a process that is expected to finish on its own (a tool, not a server).
     *
     * @return its exit code
     * @throws IllegalStateException if it is still running after {@code timeout} (it is then killed)
     */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new IllegalStateException(name + " did not finish within " + timeout + "; see " + logFile);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        } finally {
            removeShutdownHook();
        }
    }

    /** The last lines of the log, for error messages. */
    public String logTail(int maxLines) {
        Deque<String> tail = new ArrayDeque<>();
        try (Stream<String> lines = Files.lines(logFile, StandardCharsets.UTF_8)) {
            lines.forEach(line -> {
                tail.addLast(line);
                if (tail.size() > maxLines) {
                    tail.removeFirst();
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
        return String.join(System.lineSeparator(), tail);
    }

    /**
     * Freezes the process (SIGSTOP) until {@link #resume()}. A frozen server keeps its port and its connections and
     * answers nothing, which is what a hung or partitioned server shows its clients (timeouts, not refusals); for the
     * outage tests.
     */
    public void pause() {
        signal("-STOP");
    }

    /** Lets a {@link #pause() paused} process run on (SIGCONT). */
    public void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid())).redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid() + " (" + name + ") failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill " + signal + " " + pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + name, e);
        }
    }

    /**
     * Kills the process (SIGKILL: no shutdown hook, no last write) and waits until it is gone: a crash, for the
     * fault tests. Afterwards {@link #close()} has nothing left to do.
     */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " still runs 30 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + name, e);
        }
    }

    /** Sends SIGTERM without waiting, so that several processes shut down side by side; {@link #close()} waits. */
    public void requestStop() {
        process.destroy();
    }

    /** Stops the process and waits for it; idempotent and safe from a shutdown hook. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(stopGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.log(Level.WARNING, "{0} did not stop within {1}; killing it",
                        new Object[] {name, stopGrace});
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly();
            removeShutdownHook();
        }
    }

    private void closeQuietly() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // The pipe is gone with the process; nothing to release.
        }
    }

    private void removeShutdownHook() {
        if (Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook runs (or ran) and finds us stopped.
        }
    }
}
