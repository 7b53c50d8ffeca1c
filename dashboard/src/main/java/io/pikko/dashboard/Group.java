package io.pikko.dashboard;

import io.pikko.protocol.CborSerializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A replication group: its nodes, each named by its RESP address ({@code host:port}), the master
 * first. The epoch grows whenever the master changes, so a stale master can be told apart.
 * {@code lastFailover} is the last time its master was replaced, or null.
 */
public record Group(int id, List<String> servers, long epoch, Failover lastFailover) implements CborSerializable {
    public Group {
        servers = List.copyOf(servers);
    }

    public Group(int id, List<String> servers, long epoch) {
        this(id, servers, epoch, null);
    }

    /**
     * {@code node}, one of the replicas, is the master now, under a new epoch; the old master
     * stays in the group, last, and follows the new one when it is back.
     */
    public Group promoted(String node, Failover failover) {
        List<String> order = new ArrayList<>();
        order.add(node);
        servers.stream().skip(1).filter(s -> !s.equals(node)).forEach(order::add);
        order.add(servers.get(0));
        return new Group(id, order, epoch + 1, failover);
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
        return new Group(id, more, servers.isEmpty() ? epoch + 1 : epoch, lastFailover);
    }

    public Group withoutServer(String node) {
        List<String> fewer = new ArrayList<>(servers);
        fewer.remove(node);
        boolean masterChanged = !servers.isEmpty() && servers.get(0).equals(node);
        return new Group(id, fewer, masterChanged ? epoch + 1 : epoch, lastFailover);
    }

    public Group withServerRenamed(String from, String to) {
        return new Group(id, servers.stream().map(s -> s.equals(from) ? to : s).toList(), epoch + 1, lastFailover);
    }
}
