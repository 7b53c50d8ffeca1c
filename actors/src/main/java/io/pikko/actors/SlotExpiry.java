package io.pikko.actors;

import io.pikko.protocol.KeyspaceEventType;
import io.pikko.protocol.KeyspaceEvents;
import io.pikko.protocol.NodeClock;
import io.pikko.storage.DueExpiration;
import io.pikko.storage.SlotBatch;
import io.pikko.storage.SlotKeyspace;
import java.util.ArrayList;
import java.util.List;

/**
 * A slot's active expiry: of the expire index entries the sweeper found due, deletes the keys that
 * really expired, in one batch. A key given a later TTL or set anew since is left alone, and an
 * entry that no longer matches its key is dropped. Owned by the slot's entity, which runs this
 * between commands, so that no concurrent SET is lost.
 */
final class SlotExpiry {
    private final SlotKeyspace keyspace;
    private final NodeClock clock;
    private final KeyspaceEvents events;

    SlotExpiry(SlotKeyspace keyspace, NodeClock clock) {
        this(keyspace, clock, KeyspaceEvents.NONE);
    }

    /** {@code events} hears an "expired" event for each key this deletes. */
    SlotExpiry(SlotKeyspace keyspace, NodeClock clock, KeyspaceEvents events) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.events = events;
    }

    /** Throws {@link io.pikko.storage.StorageException} when the batch fails; nothing is deleted then. */
    void expire(List<DueExpiration> due) {
        List<DueExpiration> expired = new ArrayList<>();
        try (SlotBatch batch = keyspace.begin(clock.millis())) {
            for (DueExpiration entry : due) {
                if (batch.expireIfDue(entry.db(), entry.key(), entry.expireAt())) {
                    expired.add(entry);
                }
            }
            batch.commit();
        }
        for (DueExpiration entry : expired) {
            events.notify(KeyspaceEventType.EXPIRED, "expired", entry.db(), entry.key());
        }
    }
}
