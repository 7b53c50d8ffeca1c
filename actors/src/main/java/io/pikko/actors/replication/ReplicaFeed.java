package io.pikko.actors.replication;

import io.pikko.protocol.NodeClock;
import io.pikko.storage.BinlogPosition;
import io.pikko.storage.BinlogRecord;
import io.pikko.storage.SlotBinlog;
import io.pikko.storage.SlotCopy;
import io.pikko.storage.SlotKeyspace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The master's side of replication for one slot, a plain part of its entity: answers the
 * replicas' reads of the binlog, holds a read that finds nothing new until a write brings
 * something (or its wait ends), serves full syncs page by page from a snapshot, and remembers
 * where each replica stands so the log is not trimmed under it.
 */
public final class ReplicaFeed {
    /** A replica's read of the log after {@code after}. */
    public record Read(String replica, BinlogPosition after, int maxRecords, long maxBytes, ActorRef<BinlogPage> replyTo) {}

    /** A replica's request for the next page, about {@code maxBytes}, of full sync {@code syncId}. */
    public record SnapshotRead(String replica, long syncId, long maxBytes, ActorRef<SnapshotPage> replyTo) {}

    /** Where a replica stood when it last read, and when. */
    public record Standing(long seq, long atMillis) {}

    private record Parked(Read read, long sinceMillis) {}

    /** Answers held until enough replicas hold record {@code seq}: delivered with true, or false once they waited too long. */
    private record Held(long seq, java.util.function.Consumer<Boolean> deliver, long sinceMillis) {}

    private record FullSync(long syncId, SlotCopy copy) {}

    /** A WAIT for {@code replicas} replicas to hold record {@code seq}, until {@code deadlineMillis} (0: no limit). */
    private record ReplicaWait(long seq, int replicas, long deadlineMillis, IntConsumer answer) {}

    /** A replica not heard of for this long no longer holds the log back. */
    private static final long FORGET_AFTER_MILLIS = 60_000;
    /** Trim after this many appends, so the log is looked at now and then, not at every write. */
    private static final int TRIM_EVERY = 1024;

    private final SlotKeyspace keyspace;
    private final NodeClock clock;
    private final Map<String, Parked> parked = new HashMap<>();
    private final Map<String, Standing> standings = new HashMap<>();
    private final Map<String, FullSync> syncs = new HashMap<>();
    private final java.util.ArrayDeque<Held> held = new java.util.ArrayDeque<>();
    private final List<ReplicaWait> waits = new ArrayList<>();
    private long wokenAt;
    private long trimmedAt;

    private final ReplicationBoard board;

    public ReplicaFeed(SlotKeyspace keyspace, NodeClock clock, ReplicationBoard board) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.board = board;
    }

    public void read(Read read) {
        SlotBinlog log = keyspace.binlog();
        standings.put(read.replica(), new Standing(read.after().seq(), clock.millis()));
        board.fed(keyspace.slot(), log.lastSeq(), standings);
        releaseHeld();
        settleWaits();
        parked.remove(read.replica());
        if (!log.continues(read.after().seq(), read.after().epoch())) {
            read.replyTo().tell(BinlogPage.fullSyncNeeded(keyspace.slot(), log.lastSeq(), log.lastEpoch()));
            return;
        }
        List<BinlogRecord> records = log.read(read.after().seq() + 1, read.maxRecords(), read.maxBytes());
        if (records.isEmpty()) {
            parked.put(read.replica(), new Parked(read, clock.millis()));
            return;
        }
        read.replyTo().tell(new BinlogPage(keyspace.slot(), records, log.lastSeq(), log.lastEpoch(), false));
    }

    /** After the entity wrote: the reads held here get what is new. Cheap when nothing is. */
    public void wake() {
        long last = keyspace.binlog().lastSeq();
        if (last == wokenAt) {
            return;
        }
        wokenAt = last;
        if (!parked.isEmpty()) {
            List<Parked> waiting = new ArrayList<>(parked.values());
            parked.clear();
            waiting.forEach(p -> read(p.read()));
        }
        if (last - trimmedAt >= TRIM_EVERY) {
            trimmedAt = last;
            keyspace.binlog().trim(clock.millis(), neededFrom(), keyspace.binlogRetention());
        }
    }

    /** Reads held for longer than {@code maxWaitMillis} are answered with nothing new, so their replica knows the master lives. */
    public void releaseStale(long maxWaitMillis) {
        long now = clock.millis();
        SlotBinlog log = keyspace.binlog();
        for (Iterator<Parked> it = parked.values().iterator(); it.hasNext(); ) {
            Parked p = it.next();
            if (now - p.sinceMillis() >= maxWaitMillis) {
                it.remove();
                p.read().replyTo().tell(new BinlogPage(keyspace.slot(), List.of(), log.lastSeq(), log.lastEpoch(), false));
            }
        }
        if (standings.values().removeIf(s -> now - s.atMillis() > FORGET_AFTER_MILLIS)) {
            board.fed(keyspace.slot(), log.lastSeq(), standings);
        }
    }

    public boolean holdsReads() {
        return !parked.isEmpty() || !held.isEmpty();
    }

    /**
     * Consistent mode: {@code deliver} answers a client once enough replicas hold record
     * {@code seq} (with true), or, if they do not within the wait, with false. Answers are held in
     * the order of their records.
     */
    public void hold(long seq, java.util.function.Consumer<Boolean> deliver) {
        held.add(new Held(seq, deliver, clock.millis()));
        releaseHeld();
    }

    /** The answers whose record enough replicas now hold go out. */
    private void releaseHeld() {
        if (held.isEmpty()) {
            return;
        }
        int needed = board.acksNeeded(keyspace.slot());
        // A replica amid a full sync cleared its copy: whatever it applied before holds nothing now.
        long durableUpTo = needed == 0 ? Long.MAX_VALUE : standings.entrySet().stream()
                .filter(entry -> !syncs.containsKey(entry.getKey())).map(entry -> entry.getValue().seq())
                .sorted(java.util.Comparator.reverseOrder()).skip(needed - 1).findFirst().orElse(0L);
        while (!held.isEmpty() && held.peek().seq() <= durableUpTo) {
            held.poll().deliver().accept(true);
        }
    }

    /**
     * WAIT: {@code answer} gets how many replicas hold the slot's newest record as of now, once
     * {@code replicas} of them do, or at {@code deadlineMillis} (0: no limit) however many do.
     */
    public void awaitReplicas(int replicas, long deadlineMillis, IntConsumer answer) {
        ReplicaWait wait = new ReplicaWait(keyspace.binlog().lastSeq(), replicas, deadlineMillis, answer);
        if (!settled(wait, clock.millis())) {
            waits.add(wait);
        }
    }

    /** The WAITs that enough replicas caught up with, or whose time is up, are answered. */
    public void settleWaits() {
        if (!waits.isEmpty()) {
            long now = clock.millis();
            waits.removeIf(wait -> settled(wait, now));
        }
    }

    private boolean settled(ReplicaWait wait, long now) {
        int holding = holding(wait.seq());
        if (holding >= wait.replicas() || wait.deadlineMillis() > 0 && now >= wait.deadlineMillis()) {
            wait.answer().accept(holding);
            return true;
        }
        return false;
    }

    /** Replicas that have applied record {@code seq}: they read the log after it (one amid a full sync has not yet). */
    private int holding(long seq) {
        return (int) standings.entrySet().stream()
                .filter(entry -> entry.getValue().seq() >= seq && !syncs.containsKey(entry.getKey())).count();
    }

    /** Held answers that waited longer than {@code maxWaitMillis} for their replicas fail. */
    public void failHeld(long maxWaitMillis) {
        long now = clock.millis();
        while (!held.isEmpty() && now - held.peek().sinceMillis() >= maxWaitMillis) {
            held.poll().deliver().accept(false);
        }
    }

    /**
     * The next page of a full sync; a new {@code syncId} from a replica starts its sync afresh
     * from a new snapshot, so a replica that lost a page simply starts over.
     */
    public void snapshot(SnapshotRead read) {
        FullSync sync = syncs.get(read.replica());
        if (sync == null || sync.syncId() != read.syncId()) {
            if (sync != null) {
                sync.copy().close();
            }
            keyspace.binlog().ensureStarted(clock.millis());
            sync = new FullSync(read.syncId(), keyspace.copy());
            syncs.put(read.replica(), sync);
        }
        BinlogPosition position = sync.copy().position();
        standings.put(read.replica(), new Standing(position.seq(), clock.millis()));
        byte[] records = sync.copy().next(read.maxBytes());
        boolean done = sync.copy().done();
        if (done) {
            sync.copy().close();
            syncs.remove(read.replica());
        }
        read.replyTo().tell(new SnapshotPage(keyspace.slot(), read.syncId(), position, records, done));
    }

    /** The oldest record a replica heard of lately still reads from; the log keeps it within its cap. */
    public long neededFrom() {
        return standings.values().stream().mapToLong(Standing::seq).min().orElse(Long.MAX_VALUE);
    }

    /** Where each replica heard of lately stood at its last read. */
    public Map<String, Standing> standings() {
        return Map.copyOf(standings);
    }

    /** The entity stops: snapshots are released; held reads end, and their replicas read again wherever the slot runs next. */
    public void close() {
        syncs.values().forEach(s -> s.copy().close());
        syncs.clear();
        parked.clear();
        // Their writes are in this node's log, but no majority is known to hold them.
        while (!held.isEmpty()) {
            held.poll().deliver().accept(false);
        }
        // A WAIT hears how many replicas hold its records so far.
        waits.forEach(wait -> wait.answer().accept(holding(wait.seq())));
        waits.clear();
        board.stoppedFeeding(keyspace.slot());
    }
}
