package io.pikko.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/** Why a port could not be listened on, said with the settings an operator would change. */
final class ListenProblems {
    private ListenProblems() {}

    /**
     * Binds {@code host:port} and lets go at once, so a port the node binds late (the admin API,
     * which needs the assembled node) is known to be free before the store is opened.
     */
    static void probe(String portSetting, String hostSetting, String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException | RuntimeException e) {
            throw of(portSetting, hostSetting, host, port, e);
        }
    }

    static CannotStart of(String portSetting, String hostSetting, String host, int port, Throwable failure) {
        String text = messages(failure).toLowerCase(Locale.ROOT);
        String reason;
        if (text.contains("address already in use")) {
            reason = "port " + port + " (" + portSetting + ") is in use";
        } else if (has(failure, UnresolvedAddressException.class) || has(failure, UnknownHostException.class)) {
            reason = "cannot listen on " + host + " (" + hostSetting + "): unknown host";
        } else if (text.contains("cannot assign requested address")) {
            reason = "cannot listen on " + host + " (" + hostSetting + "): not an address of this machine";
        } else if (text.contains("permission denied")) {
            reason = "cannot listen on port " + port + " (" + portSetting + "): permission denied";
        } else {
            reason = "cannot listen on " + host + ":" + port + " (" + portSetting + "): " + failure.getMessage();
        }
        return new CannotStart(reason, failure);
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> kind) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
