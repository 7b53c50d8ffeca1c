package io.pikko.dashboard;

import java.util.regex.Pattern;

/** A node is named by its RESP address, {@code host:port}, as clients reach it. */
public final class NodeName {
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9._\\-]+:(\\d{1,5})");

    private NodeName() {}

    public static boolean isValid(String node) {
        if (node == null) {
            return false;
        }
        var matcher = HOST_PORT.matcher(node);
        return matcher.matches() && Integer.parseInt(matcher.group(1)) > 0 && Integer.parseInt(matcher.group(1)) <= 65535;
    }
}
