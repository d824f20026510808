package dev.digitgan.packaged.sampler;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Pauses and resumes a server this test started (SIGSTOP / SIGCONT): a hung server, which accepts connections and
 * answers nothing, is the outage that hangs clients without timeouts; a stopped one only refuses.
 */
final class Signals {

    private Signals() {
    }

    static void pause(long pid) {
        send("-STOP", pid);
    }

    static void resume(long pid) {
        send("-CONT", pid);
    }

    private static void send(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill " + signal + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
