package io.pikko.sharding;

import java.util.Optional;
import org.apache.pekko.cluster.Member;

/**
 * Each cluster member carries its RESP and admin addresses as roles ({@code resp:host:port},
 * {@code admin:host:port}), so any node can tell which member a group's master names.
 */
public final class NodeRoles {
    private static final String RESP = "resp:";
    private static final String ADMIN = "admin:";

    private NodeRoles() {}

    public static String resp(String respAddress) {
        return RESP + respAddress;
    }

    public static String admin(String adminAddress) {
        return ADMIN + adminAddress;
    }

    public static Optional<String> respAddress(Member member) {
        return withPrefix(member, RESP);
    }

    public static Optional<String> adminAddress(Member member) {
        return withPrefix(member, ADMIN);
    }

    private static Optional<String> withPrefix(Member member, String prefix) {
        return member.getRoles().stream().filter(r -> r.startsWith(prefix)).map(r -> r.substring(prefix.length())).findFirst();
    }
}
