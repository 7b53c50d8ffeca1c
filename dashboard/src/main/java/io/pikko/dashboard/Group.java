package io.pikko.dashboard;

import io.pikko.protocol.CborSerializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A replication group: its nodes, each named by its RESP address ({@code host:port}), the master
 * first. The epoch grows whenever the master changes, so a stale master can be told apart.
 * {@code lastFailover} is the last time its master was replaced, or null. {@code mode} says when
 * its master answers a write: "async" (after its own write, as Pika) or "consistent" (once a
 * majority of the group has the write); a group journaled before modes existed is async.
 */
public record Group(int id, List<String> servers, long epoch, Failover lastFailover, String mode) implements CborSerializable {
    public static final String ASYNC = "async";
    public static final String CONSISTENT = "consistent";

    public Group {
        servers = List.copyOf(servers);
        mode = mode == null ? ASYNC : mode;
    }

    public Group(int id, List<String> servers, long epoch) {
        this(id, servers, epoch, null, ASYNC);
    }

    public Group withMode(String next) {
        return new Group(id, servers, epoch, lastFailover, next);
    }

    /**
     * How many replicas must hold a write before the master answers it: none in async mode; in
     * consistent mode, enough that with the master they are a majority of the group.
     */
    public int acksNeeded() {
        return mode.equals(CONSISTENT) ? servers.size() / 2 : 0;
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
        return new Group(id, order, epoch + 1, failover, mode);
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
        return new Group(id, more, servers.isEmpty() ? epoch + 1 : epoch, lastFailover, mode);
    }

    public Group withoutServer(String node) {
        List<String> fewer = new ArrayList<>(servers);
        fewer.remove(node);
        boolean masterChanged = !servers.isEmpty() && servers.get(0).equals(node);
        return new Group(id, fewer, masterChanged ? epoch + 1 : epoch, lastFailover, mode);
    }

    public Group withServerRenamed(String from, String to) {
        return new Group(id, servers.stream().map(s -> s.equals(from) ? to : s).toList(), epoch + 1, lastFailover, mode);
    }
}
