package dev.digitgan.stack;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Entry point of every child JVM: runs the real main class and exits when the parent JVM is gone.
 *
 * <p>Shutdown hooks in the parent stop the children on a normal exit, but a parent killed with
 * SIGKILL (surefire timeout, IDE stop button, OOM killer) runs no hooks. The parent holds the write
 * end of this process's stdin pipe; the operating system closes it when the parent dies, so reading
 * end-of-file here means "orphaned". We then exit normally, which runs the server's own shutdown
 * hooks (Kafka flushes and closes its logs), and halt if that takes too long.
 *
 * <p>This class is copied as a single class file onto the child's classpath, so it must use only the
 * JDK and must not have nested or anonymous classes (lambdas are fine: they compile into this file).
 */
public final class OrphanGuard {

    /** How long the server's own shutdown may take once the parent is gone. */
    private static final long HALT_AFTER_MILLIS = 30_000;

    private OrphanGuard() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: OrphanGuard <main class> [args...]");
        }
        Thread watcher = new Thread(OrphanGuard::exitWhenParentGone, "orphan-guard");
        watcher.setDaemon(true);
        watcher.start();
        try {
            Class.forName(args[0])
                    .getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void exitWhenParentGone() {
        try {
            while (System.in.read() != -1) {
                // The parent never writes; anything read is ignored.
            }
        } catch (IOException e) {
            // A broken pipe means the same as end-of-file.
        }
        System.err.println("orphan-guard: parent process is gone, shutting down");
        Thread halter = new Thread(OrphanGuard::haltLater, "orphan-guard-halt");
        halter.setDaemon(true);
        halter.start();
        System.exit(0);
    }

    private static void haltLater() {
        try {
            Thread.sleep(HALT_AFTER_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(1);
    }
}
