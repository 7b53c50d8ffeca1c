package io.pikko.commands;

import io.pikko.protocol.KeyspaceEventType;
import io.pikko.storage.SlotBatch;

/**
 * What a command sees while it runs on its slot's entity: the client's database, the slot's batch,
 * whose writes are committed together after the command returns, where scans in the slot stopped,
 * and where it notes the keyspace events of its writes (Redis's notifyKeyspaceEvent).
 */
public record SlotContext(int db, int databases, SlotBatch batch, ScanCursors scanCursors, KeyEventLog events) {
    public long now() {
        return batch.now();
    }

    /** The command did {@code event} to {@code key} of the client's database. */
    public void notify(KeyspaceEventType type, String event, byte[] key) {
        events.add(type, event, db, key);
    }

    /** The command did {@code event} to {@code key} of database {@code inDb} (COPY ... DB). */
    public void notify(KeyspaceEventType type, String event, int inDb, byte[] key) {
        events.add(type, event, inDb, key);
    }
}
