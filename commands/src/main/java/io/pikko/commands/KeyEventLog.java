package io.pikko.commands;

import io.pikko.protocol.KeyspaceEventType;
import io.pikko.protocol.KeyspaceEvents;
import java.util.ArrayList;
import java.util.List;

/**
 * The keyspace events of one command, kept until its batch commits: a write that fails reports
 * nothing. Then they go to the slot's {@link KeyspaceEvents} in the order the command made them.
 */
public final class KeyEventLog {
    private record Event(KeyspaceEventType type, String name, int db, byte[] key) {}

    private final List<Event> events = new ArrayList<>(2);

    void add(KeyspaceEventType type, String name, int db, byte[] key) {
        events.add(new Event(type, name, db, key));
    }

    /** Hands the events on, once the command's writes are committed. */
    public void flushTo(KeyspaceEvents sink) {
        for (Event event : events) {
            sink.notify(event.type(), event.name(), event.db(), event.key());
        }
        events.clear();
    }
}
