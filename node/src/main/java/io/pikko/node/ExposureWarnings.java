package io.pikko.node;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a node reachable beyond this machine without a password leaves open, in the spirit of
 * Redis's protected mode: said loudly at start, but the node still starts (Pikko has no mode that
 * refuses clients).
 */
final class ExposureWarnings {
    private ExposureWarnings() {}

    static List<String> of(NodeSettings settings) {
        List<String> warnings = new ArrayList<>();
        if (!isLoopback(settings.bind()) && settings.requirePass().isEmpty()) {
            warnings.add("RESP listens on " + settings.bind() + " (pikko.bind) without a password (pikko.requirepass):"
                    + " anyone who reaches the port can read, change and delete every key. Set pikko.requirepass,"
                    + " or bind to 127.0.0.1.");
        }
        if (!isLoopback(settings.adminBind()) && settings.adminToken().isEmpty()) {
            warnings.add("the admin API listens on " + settings.adminBind() + " (pikko.admin.bind) without a token"
                    + " (pikko.admin.token): anyone who reaches it can move slots, change groups and rebalance the"
                    + " cluster. Set pikko.admin.token, or bind it to 127.0.0.1.");
        }
        return warnings;
    }

    /** A name that resolves to a loopback address; an address that cannot be resolved is not one. */
    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
