package io.pikko.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A port free now, for a setting of 0 whose real value must be known before it can be bound (the
 * admin address goes into the node's cluster roles before the HTTP server starts).
 */
final class FreePort {
    private FreePort() {}

    static int find(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }
}
