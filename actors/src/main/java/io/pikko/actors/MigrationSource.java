package io.pikko.actors;

import io.pikko.actors.migration.MigrationLimits;
import io.pikko.actors.migration.MigrationReport;
import io.pikko.actors.migration.MigrationSession;
import io.pikko.commands.ResolvedCommand;
import io.pikko.protocol.NodeClock;
import io.pikko.storage.ExportChunk;
import io.pikko.storage.SlotExport;
import io.pikko.storage.SlotKeyspace;
import io.pikko.storage.StorageException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.slf4j.Logger;

/**
 * A slot entity's side of moving its slot to another node: the session that runs the copy (see
 * {@link MigrationSession}), the keys written since the copy's snapshot (dirty, to be sent again),
 * the cutover's seal, and the move's end: a commit, after which this node's copy goes when the
 * entity stops, or an abort, after which the slot is served here as before. Owned by the entity
 * and touched only by it; at most one move runs at a time.
 */
final class MigrationSource {

    /**
     * Starts the session that carries out {@code out}, copying {@code export} (which it then
     * owns and closes), as the entity's child, watched, so that its end reaches the entity.
     */
    @FunctionalInterface
    interface Sessions {
        ActorRef<MigrationSession.Command> start(SlotEntity.MigrateOut out, SlotExport export);
    }

    private record DirtyKey(int db, ByteBuffer key) {}

    private static final class Move {
        final long session;
        final ActorRef<MigrationSession.Command> child;
        final ActorRef<MigrationReport> reportTo;
        final MigrationLimits limits;
        final Set<DirtyKey> dirty = new LinkedHashSet<>();
        /** Every key is on the target; only the dashboard's commit or abort ends this. */
        boolean ready;
        /** The dashboard gave the slot to the target: this node's copy goes when the entity stops. */
        boolean committed;

        Move(long session, ActorRef<MigrationSession.Command> child, ActorRef<MigrationReport> reportTo, MigrationLimits limits) {
            this.session = session;
            this.child = child;
            this.reportTo = reportTo;
            this.limits = limits;
        }
    }

    private final SlotKeyspace keyspace;
    private final SlotSeal seal;
    private final NodeClock clock;
    private final Logger log;
    private Move move;

    MigrationSource(SlotKeyspace keyspace, SlotSeal seal, NodeClock clock, Logger log) {
        this.keyspace = keyspace;
        this.seal = seal;
        this.clock = clock;
        this.log = log;
    }

    /**
     * Starts moving the slot to {@code out.target()}: snapshots the slot and from this moment marks
     * every write dirty. The same session again, or any once a move committed, changes nothing; a
     * different session replaces a running one.
     */
    void start(SlotEntity.MigrateOut out, Sessions sessions) {
        if (move != null) {
            if (move.session == out.session() || move.committed) {
                return;
            }
            abort();
        }
        SlotExport export;
        try {
            export = keyspace.exportSlot(clock.millis(), out.limits().chunkElements(), out.limits().batchBytes());
        } catch (StorageException e) {
            out.reportTo().tell(new MigrationReport.Failed(keyspace.slot(), out.session(), "cannot snapshot the slot: " + e.getMessage()));
            return;
        }
        move = new Move(out.session(), sessions.start(out, export), out.reportTo(), out.limits());
    }

    /** A write touched {@code key}: it is sent to the target again. */
    void wrote(int db, byte[] key) {
        if (move != null) {
            move.dirty.add(new DirtyKey(db, ByteBuffer.wrap(key.clone())));
        }
    }

    /** The keys a client's write named are sent to the target again. */
    void wrote(ResolvedCommand command) {
        if (move == null || !command.isWrite()) {
            return;
        }
        for (byte[] key : command.keys()) {
            if (command.writesOtherDatabases()) {
                for (int db = 0; db < keyspace.databases(); db++) {
                    wrote(db, key);
                }
            } else {
                wrote(command.db(), key);
            }
        }
    }

    /**
     * Hands session {@code session} the current state of every dirty key (a deletion for one that
     * is gone), sealing the slot first when {@code sealNow}. A failure to read ends the move.
     */
    void handOverDirty(long session, boolean sealNow, ActorRef<MigrationSession.DirtyKeys> replyTo) {
        if (move == null || move.session != session) {
            return;
        }
        if (sealNow) {
            seal.sealForCutover();
        }
        int keys = move.dirty.size();
        List<ExportChunk> chunks = new ArrayList<>();
        try {
            long now = clock.millis();
            for (DirtyKey key : move.dirty) {
                byte[] bytes = new byte[key.key().remaining()];
                key.key().duplicate().get(bytes);
                try (SlotExport export = keyspace.exportKey(key.db(), bytes, now, move.limits.chunkElements(), move.limits.batchBytes())) {
                    export.forEachRemaining(chunks::add);
                }
            }
        } catch (StorageException e) {
            log.error("slot {}: cannot read keys to migrate: {}", keyspace.slot(), e.getMessage());
            fail(e.getMessage());
            return;
        }
        move.dirty.clear();
        replyTo.tell(new MigrationSession.DirtyKeys(chunks, keys, seal.inCutover()));
    }

    /** The session ended: {@code ready} when the target holds everything, else the move is over. */
    void sessionEnded(long session, boolean ready) {
        if (move == null || move.session != session || move.committed) {
            return;
        }
        if (ready) {
            move.ready = true;
        } else if (!move.ready) {
            forget();
        }
    }

    /** The dashboard gave the slot to the target: the slot stays sealed, and its copy here goes at the end. */
    void commit(long session) {
        if (move != null && move.session == session && move.ready) {
            move.committed = true;
            move.child.tell(MigrationSession.Commit.INSTANCE);
            log.info("slot {}: moved; this node's copy goes once the shard hands off", keyspace.slot());
        }
    }

    /** Calls the move off before its commit: the slot is served here as before. */
    void abort(long session) {
        if (move != null && move.session == session && !move.committed) {
            abort();
        }
    }

    void updateLimits(long session, MigrationLimits limits) {
        if (move != null && move.session == session) {
            move.child.tell(new MigrationSession.UpdateLimits(limits));
        }
    }

    /** The slot is about to be flushed: the target's copy would keep keys the source drops, so the move starts over. */
    void flushing() {
        if (move != null) {
            fail("slot flushed during the move");
        }
    }

    /** The entity stops: after a committed move the slot's data lives on the target, and this copy is garbage. */
    void entityStopped() {
        if (move == null || !move.committed) {
            return;
        }
        log.info("slot {}: cutover paused writes for {} ms", keyspace.slot(), seal.cutoverMillis());
        try {
            keyspace.clear();
        } catch (StorageException e) {
            log.warn("slot {}: moved, but its old copy stays here: {}", keyspace.slot(), e.getMessage());
        }
    }

    private void fail(String reason) {
        move.reportTo.tell(new MigrationReport.Failed(keyspace.slot(), move.session, reason));
        abort();
    }

    /** The session drops the target's partial copy, and writes are welcome again. */
    private void abort() {
        move.child.tell(MigrationSession.Abort.INSTANCE);
        forget();
    }

    private void forget() {
        move = null;
        seal.endCutover();
    }
}
