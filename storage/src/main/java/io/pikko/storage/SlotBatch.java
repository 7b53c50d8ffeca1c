package io.pikko.storage;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatchWithIndex;

/**
 * The reads and writes of one command on one slot. Reads see the command's own earlier writes;
 * the writes reach RocksDB together, as one WriteBatch, at {@link #commit()}.
 */
public final class SlotBatch implements AutoCloseable {
    private static final KeyMeta ABSENT = new KeyMeta(KeyType.STRING, -1, -1, new byte[0]);

    private final SlotKeyspace keyspace;
    private final PikkoStore store;
    private final long now;
    private final Map<ByteBuffer, KeyMeta> metas = new HashMap<>();
    private final long[] countDeltas;
    private final long[] expiringDeltas;
    private WriteBatchWithIndex batch;
    private boolean garbage;
    // Ends of sorted sets that this command's cursors found; remembered by the slot once committed.
    private final LiveEnds seenEnds = new LiveEnds();
    private BinlogRecord logged;
    /** The keys this command changed, when asked to keep them ({@link #trackChanges}); else null. */
    private Set<ByteBuffer> changedKeys;
    private boolean changedAny;
    /** This command's effect, for its binlog record; null when the slot keeps no binlog here (a replica's). */
    private final BinlogOps ops;

    SlotBatch(SlotKeyspace keyspace, long nowMillis) {
        this.keyspace = keyspace;
        this.store = keyspace.store();
        this.now = nowMillis;
        this.countDeltas = new long[keyspace.databases()];
        this.expiringDeltas = new long[keyspace.databases()];
        this.ops = keyspace.binlogged() ? new BinlogOps() : null;
    }

    /** Keep which keys this command changes, for {@link #changed}: WATCH must break only on those. */
    public void trackChanges() {
        changedKeys = new HashSet<>();
    }

    /**
     * Whether this command changed {@code key} (its value, members or TTL); without
     * {@link #trackChanges}, whether it changed any key. Still answers after commit and close.
     */
    public boolean changed(int db, byte[] key) {
        return changedKeys == null ? changedAny : changedKeys.contains(cacheKey(db, key));
    }

    private void changing(int db, byte[] key) {
        changedAny = true;
        if (changedKeys != null) {
            changedKeys.add(cacheKey(db, key));
        }
    }

    public long now() {
        return now;
    }

    public int slot() {
        return keyspace.slot();
    }

    /** The live metadata of a key, or null. An expired key is removed here, as Redis does on access. */
    public KeyMeta get(int db, byte[] key) {
        KeyMeta meta = peek(db, key);
        if (meta != null && meta.isExpired(now)) {
            delete(db, key);
            return null;
        }
        return meta;
    }

    private KeyMeta peek(int db, byte[] key) {
        ByteBuffer cacheKey = cacheKey(db, key);
        KeyMeta cached = metas.get(cacheKey);
        if (cached != null) {
            return cached == ABSENT ? null : cached;
        }
        byte[] metaKey = KeyCodec.metaKey(db, keyspace.slot(), key);
        byte[] raw = batch == null ? store.get(ColumnFamily.META, metaKey) : store.get(batch, ColumnFamily.META, metaKey);
        KeyMeta meta = raw == null ? null : KeyMeta.decode(raw);
        metas.put(cacheKey, meta == null ? ABSENT : meta);
        return meta;
    }

    /** Writes a key's metadata, replacing whatever the key held, and keeps the expire index in step. */
    public void put(int db, byte[] key, KeyMeta meta) {
        KeyMeta previous = peek(db, key);
        changing(db, key);
        if (previous != null && previous.hasExpiry() && previous.expireAt() != meta.expireAt()) {
            remove(ColumnFamily.EXPIRE, KeyCodec.expireKey(previous.expireAt(), db, keyspace.slot(), key));
        }
        if (meta.hasExpiry() && (previous == null || previous.expireAt() != meta.expireAt())) {
            write(ColumnFamily.EXPIRE, KeyCodec.expireKey(meta.expireAt(), db, keyspace.slot(), key), new byte[0]);
        }
        write(ColumnFamily.META, KeyCodec.metaKey(db, keyspace.slot(), key), meta.encode());
        expiringDeltas[db] += (meta.hasExpiry() ? 1 : 0) - (previous != null && previous.hasExpiry() ? 1 : 0);
        if (previous == null) {
            countDeltas[db]++;
        } else if (previous.isCollection() && previous.version() != meta.version()) {
            garbage = true;
        }
        metas.put(cacheKey(db, key), meta);
    }

    /**
     * Removes a key, returning whether a live key was removed (an expired key is removed too but,
     * as in Redis's DEL, does not count). A collection's members stay behind under its old version
     * until the sweeper reclaims them, which keeps deleting a key of any size O(1).
     */
    public boolean delete(int db, byte[] key) {
        KeyMeta previous = peek(db, key);
        if (previous == null) {
            return false;
        }
        changing(db, key);
        if (previous.hasExpiry()) {
            remove(ColumnFamily.EXPIRE, KeyCodec.expireKey(previous.expireAt(), db, keyspace.slot(), key));
        }
        remove(ColumnFamily.META, KeyCodec.metaKey(db, keyspace.slot(), key));
        countDeltas[db]--;
        if (previous.hasExpiry()) {
            expiringDeltas[db]--;
        }
        garbage |= previous.isCollection();
        metas.put(cacheKey(db, key), ABSENT);
        return !previous.isExpired(now);
    }

    /**
     * Writes a copy of a key's value, with its TTL, under another key of this slot (which must be
     * absent or already deleted in this batch). Strings live wholly in their metadata.
     */
    public void copy(int srcDb, byte[] srcKey, KeyMeta meta, int dstDb, byte[] dstKey) {
        if (!meta.isCollection()) {
            put(dstDb, dstKey, meta);
            return;
        }
        KeyMeta copy = new KeyMeta(meta.type(), store.nextVersion(), meta.expireAt(), meta.payload());
        for (ColumnFamily family : new ColumnFamily[] {ColumnFamily.DATA, ColumnFamily.ZSCORE}) {
            byte[] target = KeyCodec.memberPrefix(dstDb, keyspace.slot(), dstKey, copy.version());
            try (MemberCursor cursor = cursor(family, srcDb, srcKey, meta).seekFirst()) {
                for (; cursor.valid(); cursor.next()) {
                    write(family, KeyCodec.concat(target, cursor.suffix()), cursor.value());
                }
            }
        }
        put(dstDb, dstKey, copy);
    }

    /** A new, empty collection of {@code type}, with a version no older record carries. */
    public KeyMeta newCollection(KeyType type, long expireAt) {
        return KeyMeta.collection(type, store.nextVersion(), expireAt);
    }

    /** A member's value in the data family (a hash field's value, a set member's empty value), or null. */
    public byte[] getMember(int db, byte[] key, KeyMeta meta, byte[] member) {
        byte[] recordKey = KeyCodec.concat(KeyCodec.memberPrefix(db, keyspace.slot(), key, meta.version()), member);
        return batch == null ? store.get(ColumnFamily.DATA, recordKey) : store.get(batch, ColumnFamily.DATA, recordKey);
    }

    public void putMember(int db, byte[] key, KeyMeta meta, byte[] member, byte[] value) {
        changing(db, key);
        write(ColumnFamily.DATA, KeyCodec.concat(KeyCodec.memberPrefix(db, keyspace.slot(), key, meta.version()), member), value);
    }

    public void deleteMember(int db, byte[] key, KeyMeta meta, byte[] member) {
        changing(db, key);
        remove(ColumnFamily.DATA, KeyCodec.concat(KeyCodec.memberPrefix(db, keyspace.slot(), key, meta.version()), member));
    }

    /** The members of a collection in the data family, in byte order of member (or list index). */
    public MemberCursor members(int db, byte[] key, KeyMeta meta) {
        return cursor(ColumnFamily.DATA, db, key, meta);
    }

    /** A sorted set's score index entry: {@code score | member}, ordered by score then member. */
    public void putScoreEntry(int db, byte[] key, KeyMeta meta, double score, byte[] member) {
        byte[] entry = scoreKey(db, key, meta, score, member);
        byte[] prefix = KeyCodec.memberPrefix(db, keyspace.slot(), key, meta.version());
        keyspace.scoreEnds().admit(prefix, entry);
        seenEnds.admit(prefix, entry);
        changing(db, key);
        write(ColumnFamily.ZSCORE, entry, new byte[0]);
    }

    public void deleteScoreEntry(int db, byte[] key, KeyMeta meta, double score, byte[] member) {
        changing(db, key);
        remove(ColumnFamily.ZSCORE, scoreKey(db, key, meta, score, member));
    }

    /** A sorted set's members in score order; seek with {@link KeyCodec#sortableScore}. */
    public MemberCursor scoreEntries(int db, byte[] key, KeyMeta meta) {
        return cursor(ColumnFamily.ZSCORE, db, key, meta);
    }

    /** The ends a score cursor may start from: the slot's remembered ones; what it finds is kept for commit. */
    private MemberCursor.Ends scoreEnds(byte[] prefix) {
        LiveEnds known = keyspace.scoreEnds();
        return new MemberCursor.Ends() {
            @Override
            public byte[] first() {
                return known.first(prefix);
            }

            @Override
            public byte[] last() {
                return known.last(prefix);
            }

            @Override
            public void foundFirst(byte[] entry) {
                seenEnds.setFirst(prefix, entry);
            }

            @Override
            public void foundLast(byte[] entry) {
                seenEnds.setLast(prefix, entry);
            }
        };
    }

    private byte[] scoreKey(int db, byte[] key, KeyMeta meta, double score, byte[] member) {
        return KeyCodec.concat(KeyCodec.concat(KeyCodec.memberPrefix(db, keyspace.slot(), key, meta.version()),
                KeyCodec.sortableScore(score)), member);
    }

    private MemberCursor cursor(ColumnFamily family, int db, byte[] key, KeyMeta meta) {
        byte[] prefix = KeyCodec.memberPrefix(db, keyspace.slot(), key, meta.version());
        ReadOptions options = new ReadOptions();
        RocksIterator base = store.rawIterator(family, options);
        RocksIterator iterator = batch == null ? base : batch.newIteratorWithBase(store.handle(family), base, options);
        return new MemberCursor(iterator, base, options, prefix, family == ColumnFamily.ZSCORE ? scoreEnds(prefix) : null);
    }

    private void write(ColumnFamily family, byte[] recordKey, byte[] value) {
        try {
            batch().put(store.handle(family), recordKey, value);
            if (ops != null) {
                ops.put(family, recordKey, value);
            }
        } catch (RocksDBException e) {
            throw new StorageException("batch put failed: " + e.getMessage(), e);
        }
    }

    private void remove(ColumnFamily family, byte[] recordKey) {
        try {
            batch().delete(store.handle(family), recordKey);
            if (ops != null) {
                ops.delete(family, recordKey);
            }
        } catch (RocksDBException e) {
            throw new StorageException("batch delete failed: " + e.getMessage(), e);
        }
    }

    /**
     * Acts on an expire index entry the sweeper found due: deletes the key if it has expired,
     * and drops the entry if it no longer matches the key (left behind by FLUSHDB, say).
     */
    public boolean expireIfDue(int db, byte[] key, long indexedExpireAt) {
        KeyMeta meta = peek(db, key);
        if (meta != null && meta.isExpired(now)) {
            delete(db, key);
            return true;
        }
        if (meta == null || meta.expireAt() != indexedExpireAt) {
            dropExpireEntry(db, key, indexedExpireAt);
        }
        return false;
    }

    private void dropExpireEntry(int db, byte[] key, long expireAt) {
        remove(ColumnFamily.EXPIRE, KeyCodec.expireKey(expireAt, db, keyspace.slot(), key));
    }

    /** How many records this command has written or deleted so far. */
    public int writes() {
        return batch == null ? 0 : batch.count();
    }

    /** The binlog record the last commit wrote, or null (nothing written, or no binlog). */
    public BinlogRecord logged() {
        return logged;
    }

    /** Whether this command wrote anything. */
    public boolean dirty() {
        return batch != null && batch.count() > 0;
    }

    /** Applies the writes atomically; the command's reply may go out only after this returns. */
    public void commit() {
        if (!dirty()) {
            seenEnds.copyTo(keyspace.scoreEnds());
            return;
        }
        BinlogRecord record = ops == null ? null : keyspace.binlog().stage(batch, ops.encoded(), now);
        store.write(batch);
        if (record != null) {
            keyspace.binlog().appended(record);
            ops.clear();
        }
        logged = record;
        for (int db = 0; db < countDeltas.length; db++) {
            keyspace.adjustCounts(db, countDeltas[db], expiringDeltas[db]);
        }
        if (garbage) {
            keyspace.markGarbage();
            garbage = false;
        }
        seenEnds.copyTo(keyspace.scoreEnds());
        // Applied: a second commit must neither rewrite these writes nor count them again.
        batch.clear();
        java.util.Arrays.fill(countDeltas, 0);
        java.util.Arrays.fill(expiringDeltas, 0);
    }

    @Override
    public void close() {
        if (batch != null) {
            batch.close();
        }
    }

    private WriteBatchWithIndex batch() {
        if (batch == null) {
            batch = new WriteBatchWithIndex(true);
        }
        return batch;
    }

    private static ByteBuffer cacheKey(int db, byte[] key) {
        return ByteBuffer.allocate(2 + key.length).putShort((short) db).put(key).flip();
    }
}
