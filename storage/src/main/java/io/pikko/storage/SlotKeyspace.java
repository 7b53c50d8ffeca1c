package io.pikko.storage;

import io.pikko.protocol.GlobPattern;


import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The keys of one slot, in every database, on this node's store. Not thread-safe: one slot entity
 * owns it and runs its commands one at a time, which is what makes each command atomic.
 */
public final class SlotKeyspace {
    private final PikkoStore store;
    private final int slot;
    private final long[] keyCounts;
    private final long[] expiringCounts;
    // Member records left behind by deleted collections may exist: after a restart nobody knows.
    private long garbageMarks = 1;
    private long sweptMarks;
    private GarbageSweep sweep;
    private final LiveEnds scoreEnds = new LiveEnds();
    private final SlotBinlog binlog;
    private final boolean binlogged;
    /** A replica's records came from its master's log, which says nothing of counts: count again when asked. */
    private boolean countsStale;

    /** The slot as its master holds it: every write goes into the slot's binlog. */
    public SlotKeyspace(PikkoStore store, int slot, int databases) {
        this(store, slot, databases, true);
    }

    /**
     * The slot as a replica holds it: its writes come from the master's binlog, whose records it
     * stores itself ({@link #applyReplicated}), so its own writes are not logged again.
     */
    public static SlotKeyspace replica(PikkoStore store, int slot, int databases) {
        return new SlotKeyspace(store, slot, databases, false);
    }

    private SlotKeyspace(PikkoStore store, int slot, int databases, boolean binlogged) {
        this.store = store;
        this.slot = slot;
        this.binlogged = binlogged;
        this.binlog = new SlotBinlog(store, slot);
        this.keyCounts = new long[databases];
        this.expiringCounts = new long[databases];
        for (int db = 0; db < databases; db++) {
            countRange(db);
        }
    }

    public int slot() {
        return slot;
    }

    /** The slot's binlog on this node. */
    public SlotBinlog binlog() {
        return binlog;
    }

    /** How much of the binlog the slot keeps: its store's setting. */
    public BinlogRetention binlogRetention() {
        return store.binlogRetention();
    }

    boolean binlogged() {
        return binlogged;
    }

    public int databases() {
        return keyCounts.length;
    }

    LiveEnds scoreEnds() {
        return scoreEnds;
    }

    PikkoStore store() {
        return store;
    }

    /** Starts the reads and writes of one command. */
    public SlotBatch begin(long nowMillis) {
        return new SlotBatch(this, nowMillis);
    }

    /** Keys in this slot of {@code db}, counting expired keys not yet removed (as Redis's DBSIZE does). */
    public long count(int db) {
        freshCounts();
        return keyCounts[db];
    }

    /** Keys in this slot of {@code db} that have a TTL (INFO keyspace's "expires"). */
    public long expiring(int db) {
        freshCounts();
        return expiringCounts[db];
    }

    void adjustCounts(int db, long keys, long expiring) {
        freshCounts();
        keyCounts[db] += keys;
        expiringCounts[db] += expiring;
    }

    void markGarbage() {
        garbageMarks++;
    }

    /** Whether member records of deleted or replaced collections may be waiting to be reclaimed. */
    public boolean hasGarbage() {
        return garbageMarks != sweptMarks;
    }

    /**
     * Deletes member records whose collection is gone or has a newer version, examining at most
     * {@code budget} records; continues where the last call stopped. Returns the records deleted.
     */
    public long sweepGarbage(int budget) {
        if (sweep == null) {
            sweep = new GarbageSweep(this, garbageMarks);
        }
        long deleted = sweep.run(budget);
        if (sweep.done()) {
            sweptMarks = sweep.startMarks();
            sweep = null;
        }
        return deleted;
    }

    /** Removes every key of this slot in {@code db}. */
    public void flush(int db) {
        if (count(db) == 0) {
            // Nothing to remove (member records of deleted keys are the garbage sweeper's), and a
            // range tombstone per empty slot would only slow later reads.
            return;
        }
        byte[] from = KeyCodec.prefix(db, slot);
        byte[] to = KeyCodec.prefixEnd(db, slot);
        BinlogOps ops = new BinlogOps();
        try (WriteBatch batch = new WriteBatch()) {
            for (ColumnFamily family : new ColumnFamily[] {ColumnFamily.META, ColumnFamily.DATA, ColumnFamily.ZSCORE}) {
                batch.deleteRange(store.handle(family), from, to);
                ops.deleteRange(family, from, to);
            }
            BinlogRecord record = binlogged ? binlog.stage(batch, ops.encoded(), System.currentTimeMillis()) : null;
            store.write(batch);
            if (record != null) {
                binlog.appended(record);
            }
        } catch (RocksDBException e) {
            throw new StorageException("flush failed: " + e.getMessage(), e);
        }
        keyCounts[db] = 0;
        expiringCounts[db] = 0;
    }

    /**
     * Removes every record of this slot, in every database and column family, with range deletes:
     * the state of a node about to import the slot.
     */
    public void clear() {
        store.deleteSlot(slot, databases());
        Arrays.fill(keyCounts, 0);
        Arrays.fill(expiringCounts, 0);
        countsStale = false;
        binlog.reset();
    }

    /**
     * A replica applies records of its master's binlog, in order, in one atomic write that also
     * stores them in this node's log, so the last one is the replica's position. Records at or
     * before the position are skipped: applying a page twice changes nothing.
     *
     * @throws IllegalArgumentException for a record that is not a list of ops; nothing is written then
     */
    public void applyReplicated(List<BinlogRecord> records) {
        try (WriteBatch batch = new WriteBatch()) {
            List<BinlogRecord> applied = new ArrayList<>();
            for (BinlogRecord record : records) {
                if (record.seq() <= binlog.lastSeq()) {
                    continue;
                }
                BinlogOps.replay(record.ops(), batch, store);
                binlog.stage(batch, record);
                applied.add(record);
            }
            if (applied.isEmpty()) {
                return;
            }
            store.write(batch);
            applied.forEach(binlog::appended);
        }
        countsStale = true;
    }

    /** This slot's records as they are now, byte for byte, for a replica's full sync. Close it when done. */
    public SlotCopy copy() {
        return new SlotCopy(this);
    }

    /**
     * A replica writes a page of its master's {@link SlotCopy} in one atomic write, logging nothing.
     *
     * @throws IllegalArgumentException for a page that is not a list of ops; nothing is written then
     */
    public void applyCopy(byte[] page) {
        try (WriteBatch batch = new WriteBatch()) {
            BinlogOps.replay(page, batch, store);
            store.write(batch);
        }
        countsStale = true;
    }

    /**
     * A full sync's data is in: the replica's log starts at the snapshot's position, a record
     * with no ops carrying the master's sequence and epoch there.
     */
    public void markSynced(long seq, long epoch, long nowMillis) {
        BinlogRecord marker = new BinlogRecord(seq, epoch, nowMillis, new byte[0]);
        try (WriteBatch batch = new WriteBatch()) {
            binlog.stage(batch, marker);
            store.write(batch);
        }
        binlog.appended(marker);
    }

    /**
     * Every live key of this slot as it is now, in chunks of at most {@code maxElements} members
     * (a hash field with its value, or a sorted-set member with its score, is one) and at most
     * {@code maxBytes} by {@link ExportChunk#estimatedBytes()}, unless one member alone is larger.
     * Close the export when done.
     */
    public SlotExport exportSlot(long nowMillis, int maxElements, long maxBytes) {
        return SlotExport.ofSlot(this, nowMillis, maxElements, maxBytes, 0, null);
    }

    /** As {@link #exportSlot(long, int, long)}, starting at key {@code fromKey} of database {@code fromDb}, inclusive. */
    public SlotExport exportSlot(long nowMillis, int maxElements, long maxBytes, int fromDb, byte[] fromKey) {
        return SlotExport.ofSlot(this, nowMillis, maxElements, maxBytes, fromDb, fromKey);
    }

    /**
     * One key as it is now, in chunks as {@link #exportSlot(long, int, long)} makes them, or its
     * deletion when it does not exist or has expired. Close the export when done.
     */
    public SlotExport exportKey(int db, byte[] key, long nowMillis, int maxElements, long maxBytes) {
        return SlotExport.ofKey(this, db, key, nowMillis, maxElements, maxBytes);
    }

    /**
     * Writes a batch of exported chunks into this slot in one atomic write: a first chunk replaces
     * the key in O(1), elements are added as HSET, SADD and ZADD add them and as RPUSH pushes them,
     * a deletion deletes, and a chunk whose expiry has passed deletes its key. Applying a batch
     * twice leaves the same keys, except that lists get their non-first chunks' elements twice.
     *
     * @throws IllegalArgumentException for a chunk of another slot or a malformed one; nothing is written then
     */
    public void importChunks(List<ExportChunk> chunks, long nowMillis) {
        SlotImport.apply(this, chunks, nowMillis);
    }

    /**
     * Walks at most {@code count} keys after {@code after} (exclusive; null from the start),
     * returning the live ones that match.
     */
    public ScanPage scan(int db, byte[] after, int count, GlobPattern match, KeyType type, long nowMillis) {
        List<byte[]> keys = new ArrayList<>();
        byte[] from = after == null ? KeyCodec.prefix(db, slot) : successor(KeyCodec.metaKey(db, slot, after));
        byte[] last = null;
        int examined = 0;
        int limit = Math.max(1, count); // a count below 1 would end the scan with keys unvisited
        try (RangeIterator it = store.range(ColumnFamily.META, from, KeyCodec.prefixEnd(db, slot))) {
            while (it.valid() && examined < limit) {
                byte[] userKey = KeyCodec.userKeyOfMeta(it.key());
                last = userKey;
                examined++;
                KeyMeta meta = KeyMeta.decode(it.value());
                if (!meta.isExpired(nowMillis)
                        && (type == null || meta.type() == type)
                        && (match == null || match.matches(userKey))) {
                    keys.add(userKey);
                }
                it.next();
            }
            return new ScanPage(keys, it.valid() ? last : null);
        }
    }

    /** Every live key of this slot in {@code db} that matches. */
    public List<byte[]> keys(int db, GlobPattern match, long nowMillis) {
        List<byte[]> keys = new ArrayList<>();
        try (RangeIterator it = store.range(ColumnFamily.META, KeyCodec.prefix(db, slot), KeyCodec.prefixEnd(db, slot))) {
            for (; it.valid(); it.next()) {
                byte[] userKey = KeyCodec.userKeyOfMeta(it.key());
                if ((match == null || match.matches(userKey)) && !KeyMeta.decode(it.value()).isExpired(nowMillis)) {
                    keys.add(userKey);
                }
            }
        }
        return keys;
    }

    /** A live key of this slot in {@code db} chosen at random, or null when there is none. */
    public byte[] randomKey(int db, long nowMillis) {
        if (count(db) <= 0) {
            return null;
        }
        long skip = ThreadLocalRandom.current().nextLong(keyCounts[db]);
        byte[] fallback = null;
        try (RangeIterator it = store.range(ColumnFamily.META, KeyCodec.prefix(db, slot), KeyCodec.prefixEnd(db, slot))) {
            for (long i = 0; it.valid(); it.next(), i++) {
                if (KeyMeta.decode(it.value()).isExpired(nowMillis)) {
                    continue;
                }
                byte[] userKey = KeyCodec.userKeyOfMeta(it.key());
                if (i >= skip) {
                    return userKey;
                }
                fallback = userKey;
            }
        }
        return fallback;
    }

    private void freshCounts() {
        if (countsStale) {
            countsStale = false;
            Arrays.fill(keyCounts, 0);
            Arrays.fill(expiringCounts, 0);
            for (int db = 0; db < keyCounts.length; db++) {
                countRange(db);
            }
        }
    }

    private void countRange(int db) {
        try (RangeIterator it = store.range(ColumnFamily.META, KeyCodec.prefix(db, slot), KeyCodec.prefixEnd(db, slot))) {
            for (; it.valid(); it.next()) {
                keyCounts[db]++;
                if (KeyMeta.expireAtOf(it.value()) > 0) {
                    expiringCounts[db]++;
                }
            }
        }
    }

    private static byte[] successor(byte[] key) {
        byte[] next = new byte[key.length + 1];
        System.arraycopy(key, 0, next, 0, key.length);
        return next;
    }
}
