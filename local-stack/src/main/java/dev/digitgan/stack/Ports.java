package dev.digitgan.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Loopback ports: for the stack's servers the requested one if free, or a random free one for 0; for tests
 * and the processes they start, {@link #free()}.
 */
public final class Ports {

    public static final String HOST = "127.0.0.1";

    private Ports() {
    }

    /**
     * A port on {@value #HOST} that is free now. Another process may take it before the caller's server
     * binds it; that server then fails to start and says so in its log, which is rare enough not to retry.
     */
    public static int free() {
        return resolve(0, "a test server");
    }

    /**
     * @param requested a port, or 0 for a random free one
     * @param what      what the port is for, for the error message
     * @throws IllegalStateException if a requested port is taken (we would otherwise wait for, or even
     *                               talk to, whatever server holds it)
     */
    static int resolve(int requested, String what) {
        if (requested < 0 || requested > 65_535) {
            throw new IllegalArgumentException(what + " port must be 0..65535, got " + requested);
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), requested));
            return socket.getLocalPort();
        } catch (IOException e) {
            if (requested == 0) {
                throw new UncheckedIOException("no free port for " + what, e);
            }
            throw new IllegalStateException(what + " port " + requested + " on " + HOST
                    + " is already in use (another local stack running?);"
                    + " choose another port or 0 for a random one", e);
        }
    }
}
