package io.pikko.actors.replication;

import io.pikko.protocol.SlotHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;

/**
 * What this node knows of replication, slot by slot, for INFO replication, the admin API and
 * metrics: as a master, where each replica of a slot it serves last read from; as a replica, its
 * followers' last reports. Written by the entities and followers (each its own slot's cell),
 * read by anyone; every cell holds an immutable value.
 */
public final class ReplicationBoard {
    /** A slot served here: its newest sequence and where each replica stood at its last read. */
    public record Fed(int slot, long lastSeq, Map<String, ReplicaFeed.Standing> replicas) {}

    /** One replica of this node's slots, summed over the slots it reads: how far behind in records, and when it last read. */
    public record ReplicaSummary(String replica, int slots, long lagRecords, long lastReadMillis) {}

    private final LongSupplier offset;
    /** Per slot this node is master of, its group's epoch: what the slot's new binlog records carry. */
    private final AtomicLongArray epochs = new AtomicLongArray(SlotHash.SLOTS);
    private final AtomicReferenceArray<Fed> fed = new AtomicReferenceArray<>(SlotHash.SLOTS);
    private final AtomicReferenceArray<FollowerStatus> followed = new AtomicReferenceArray<>(SlotHash.SLOTS);

    /** The standalone master this node replicates (SLAVEOF), by its RESP address; null when it replicates none. */
    private volatile String upstream;

    /** {@code offset} is the node's replication offset (its store's). */
    public ReplicationBoard(LongSupplier offset) {
        this.offset = offset;
    }

    /**
     * This node's replication offset: over the slots, the newest binlog sequence it holds, as their
     * master or their replica, so a replica that holds all its master has shows the master's figure.
     */
    public long offset() {
        return offset.getAsLong();
    }

    /**
     * The standalone master this node replicates ({@code SLAVEOF host port}): while there is one,
     * the node's slots are its followers', which answer reads and refuse writes.
     */
    public Optional<String> upstream() {
        return Optional.ofNullable(upstream);
    }

    /** Whether this node replicates a standalone master: {@link #upstream()} is not empty. */
    public boolean isReplica() {
        return upstream != null;
    }

    public void upstream(Optional<String> master) {
        upstream = master.orElse(null);
    }

    /** Slots this node is master of, in groups with replicas: their writes need a lease. */
    private final AtomicIntegerArray leased = new AtomicIntegerArray(SlotHash.SLOTS);
    /** Per slot this node is master of: how many replicas must hold a write before it is answered. */
    private final AtomicIntegerArray acks = new AtomicIntegerArray(SlotHash.SLOTS);
    /** Until when (System.nanoTime) the sentinel's last probe lets this node's masters take writes. */
    private volatile long leaseUntilNanos = System.nanoTime();

    /**
     * A probe the sentinel sent at {@code sentAtMillis} arrived: the masters here may take writes
     * until {@code millis} after that. The lease is shorter than the time the sentinel waits before
     * it replaces a silent master, so a master cut off from it stops taking writes before a replica
     * takes over. It runs from the sending, not the arrival: a node frozen (SIGSTOP, a long GC
     * pause) finds its queued probes stale when it wakes, and no old probe renews its lease after a
     * replica was promoted. That needs the nodes' clocks to agree within a fraction of the lease
     * (NTP); a node whose clock runs behind by more only shortens its own lease.
     */
    public void leased(long sentAtMillis, long millis) {
        long left = Math.min(millis, sentAtMillis + millis - System.currentTimeMillis());
        if (left <= 0) {
            return;
        }
        long until = System.nanoTime() + left * 1_000_000;
        if (until - leaseUntilNanos > 0) {
            leaseUntilNanos = until;
        }
    }

    /** Whether a write to {@code slot} must be refused now: its group has replicas and this node's lease ran out. */
    public boolean fenced(int slot) {
        return leased.get(slot) != 0 && System.nanoTime() - leaseUntilNanos > 0;
    }

    /** The epoch of the group that owns {@code slot}, as this node last heard it. */
    public long epoch(int slot) {
        return epochs.get(slot);
    }

    /**
     * A new topology: each slot's group epoch, whether this node masters it in a group with
     * replicas (its writes then need the sentinel's lease), and how many replicas must hold a
     * write to it before it is answered (consistent mode).
     */
    public void topology(long[] epochBySlot, boolean[] leasedBySlot, int[] acksBySlot) {
        for (int slot = 0; slot < SlotHash.SLOTS; slot++) {
            epochs.set(slot, epochBySlot[slot]);
            leased.set(slot, leasedBySlot[slot] ? 1 : 0);
            acks.set(slot, acksBySlot[slot]);
        }
    }

    /** How many replicas must hold a write to {@code slot} before its client hears back; 0 in async mode. */
    public int acksNeeded(int slot) {
        return acks.get(slot);
    }

    void fed(int slot, long lastSeq, Map<String, ReplicaFeed.Standing> replicas) {
        fed.set(slot, new Fed(slot, lastSeq, Map.copyOf(replicas)));
    }

    void stoppedFeeding(int slot) {
        fed.set(slot, null);
    }

    void followed(FollowerStatus status) {
        followed.set(status.slot(), status);
    }

    void stoppedFollowing(int slot) {
        followed.set(slot, null);
    }

    /** The slots this node follows as a replica, by slot. */
    public List<FollowerStatus> following() {
        List<FollowerStatus> all = new ArrayList<>();
        for (int slot = 0; slot < SlotHash.SLOTS; slot++) {
            FollowerStatus status = followed.get(slot);
            if (status != null) {
                all.add(status);
            }
        }
        return all;
    }

    /** The slots this node serves that a replica has read, by slot. */
    public List<Fed> feeding() {
        List<Fed> all = new ArrayList<>();
        for (int slot = 0; slot < SlotHash.SLOTS; slot++) {
            Fed f = fed.get(slot);
            if (f != null && !f.replicas().isEmpty()) {
                all.add(f);
            }
        }
        return all;
    }

    /** The replicas reading this node's slots, by name. */
    public List<ReplicaSummary> replicas() {
        Map<String, ReplicaSummary> byName = new TreeMap<>();
        for (Fed f : feeding()) {
            f.replicas().forEach((name, standing) -> {
                long lag = Math.max(0, f.lastSeq() - standing.seq());
                byName.merge(name, new ReplicaSummary(name, 1, lag, standing.atMillis()), (a, b) ->
                        new ReplicaSummary(name, a.slots() + 1, a.lagRecords() + b.lagRecords(),
                                Math.max(a.lastReadMillis(), b.lastReadMillis())));
            });
        }
        return List.copyOf(byName.values());
    }
}
