package io.pikko.dashboard;

import io.pikko.protocol.CborSerializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A replication group: its nodes, each named by its RESP address ({@code host:port}), the master
 * first. The epoch grows whenever the master changes, so a stale master can be told apart.
 */
public record Group(int id, List<String> servers, long epoch) implements CborSerializable {
    public Group {
        servers = List.copyOf(servers);
    }

    public static Group empty(int id) {
        return new Group(id, List.of(), 0);
    }

    public Optional<String> master() {
        return servers.isEmpty() ? Optional.empty() : Optional.of(servers.get(0));
    }

    public Group withServer(String node) {
        List<String> more = new ArrayList<>(servers);
        more.add(node);
        return new Group(id, more, servers.isEmpty() ? epoch + 1 : epoch);
    }

    public Group withoutServer(String node) {
        List<String> fewer = new ArrayList<>(servers);
        fewer.remove(node);
        boolean masterChanged = !servers.isEmpty() && servers.get(0).equals(node);
        return new Group(id, fewer, masterChanged ? epoch + 1 : epoch);
    }

    public Group withServerRenamed(String from, String to) {
        return new Group(id, servers.stream().map(s -> s.equals(from) ? to : s).toList(), epoch + 1);
    }
}
