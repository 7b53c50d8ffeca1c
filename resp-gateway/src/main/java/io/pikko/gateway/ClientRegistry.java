package io.pikko.gateway;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The node's open client connections, for CLIENT LIST, CLIENT KILL and INFO clients. */
public final class ClientRegistry {
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, ClientSession> sessions = new ConcurrentHashMap<>();

    long nextId() {
        return ids.incrementAndGet();
    }

    void add(ClientSession session) {
        sessions.put(session.id(), session);
    }

    void remove(ClientSession session) {
        sessions.remove(session.id());
    }

    /** The open connection with this id, or null. */
    ClientSession get(long id) {
        return sessions.get(id);
    }

    /** Connections waiting in a blocking command (INFO's blocked_clients). */
    int blocked() {
        return (int) sessions.values().stream().filter(ClientSession::blocked).count();
    }

    public int size() {
        return sessions.size();
    }

    List<ClientSession> list() {
        List<ClientSession> all = new ArrayList<>(sessions.values());
        all.sort(Comparator.comparingLong(ClientSession::id));
        return all;
    }

    Collection<ClientSession> all() {
        return sessions.values();
    }

    void closeAll() {
        sessions.values().forEach(s -> s.channel().close());
    }
}
