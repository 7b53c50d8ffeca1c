package io.pikko.actors;

import io.pikko.actors.migration.MigrationLimits;
import io.pikko.actors.migration.MigrationReport;
import io.pikko.actors.migration.MigrationSession;
import io.pikko.storage.ExportChunk;
import io.pikko.storage.SlotExport;
import io.pikko.storage.SlotKeyspace;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A slot entity's side of moving its slot away: the session running the copy, the keys written
 * since the copy's snapshot (dirty, to be sent again), and how far the move has come. Owned by the
 * entity and touched only by it.
 */
final class OutgoingMigration {
    private record DirtyKey(int db, ByteBuffer key) {}

    final long session;
    final ActorRef<MigrationSession.Command> child;
    final ActorRef<MigrationReport> reportTo;
    final MigrationLimits limits;
    private final Set<DirtyKey> dirty = new LinkedHashSet<>();
    /** Writes are refused: the last dirty keys are on their way, and the slot is about to change owner. */
    boolean sealed;
    /** When writes began to be refused, for the cutover pause the log reports. */
    long sealedAtNanos;
    /** Every key is on the target; only the dashboard's commit or abort ends this. */
    boolean ready;
    /** The dashboard gave the slot to the target: this node's copy goes when the entity stops. */
    boolean committed;

    OutgoingMigration(long session, ActorRef<MigrationSession.Command> child, ActorRef<MigrationReport> reportTo,
                      MigrationLimits limits) {
        this.session = session;
        this.child = child;
        this.reportTo = reportTo;
        this.limits = limits;
    }

    void markDirty(int db, byte[] key) {
        dirty.add(new DirtyKey(db, ByteBuffer.wrap(key.clone())));
    }

    /** The current state of every dirty key (a deletion for one that is gone), and the dirty set emptied. */
    List<ExportChunk> takeDirty(SlotKeyspace keyspace, long nowMillis) {
        List<ExportChunk> chunks = new ArrayList<>();
        for (DirtyKey key : dirty) {
            byte[] bytes = new byte[key.key().remaining()];
            key.key().duplicate().get(bytes);
            try (SlotExport export = keyspace.exportKey(key.db(), bytes, nowMillis, limits.chunkElements(), limits.batchBytes())) {
                export.forEachRemaining(chunks::add);
            }
        }
        dirty.clear();
        return chunks;
    }

    int dirtyKeys() {
        return dirty.size();
    }
}
