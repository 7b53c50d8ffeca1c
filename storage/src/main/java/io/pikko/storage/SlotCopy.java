package io.pikko.storage;

import org.rocksdb.RocksIterator;

/**
 * One slot's records exactly as a RocksDB snapshot holds them, in pages, for a replica's full
 * sync: the slot's metadata, members and score entries in every database, and the expire entries
 * of its keys, byte for byte. Byte for byte matters: the binlog records that follow the snapshot
 * name members by their collection's version, so the replica must hold the same versions. The
 * copy knows the binlog position it stops at. Close it (before the store) to release the snapshot.
 */
public final class SlotCopy implements AutoCloseable {
    private static final ColumnFamily[] FAMILIES = {ColumnFamily.META, ColumnFamily.DATA, ColumnFamily.ZSCORE};

    private final StoreSnapshot snapshot;
    private final int slot;
    private final int databases;
    private final BinlogPosition position;
    private int db;
    private int family;
    private RocksIterator cursor;

    SlotCopy(SlotKeyspace keyspace) {
        this.snapshot = keyspace.store().snapshot();
        this.slot = keyspace.slot();
        this.databases = keyspace.databases();
        this.position = positionAtSnapshot();
        open();
    }

    /** The slot's binlog position at the snapshot: the records after it are not in the copy. */
    public BinlogPosition position() {
        return position;
    }

    public boolean done() {
        return cursor == null;
    }

    /**
     * The next records, about {@code maxBytes} of them, as {@link BinlogOps} puts a replica
     * replays ({@link SlotKeyspace#applyCopy}); empty once {@link #done()}.
     */
    public byte[] next(long maxBytes) {
        BinlogOps page = new BinlogOps();
        long bytes = 0;
        while (cursor != null && bytes < maxBytes) {
            if (!cursor.isValid() || !inSlot(cursor.key())) {
                advance();
                continue;
            }
            byte[] key = cursor.key();
            byte[] value = cursor.value();
            page.put(FAMILIES[family], key, value);
            bytes += key.length + value.length + 10;
            if (FAMILIES[family] == ColumnFamily.META) {
                long expireAt = KeyMeta.expireAtOf(value);
                if (expireAt > 0) {
                    page.put(ColumnFamily.EXPIRE, KeyCodec.expireKey(expireAt, db, slot, KeyCodec.userKeyOfMeta(key)), new byte[0]);
                }
            }
            cursor.next();
        }
        return page.encoded();
    }

    private boolean inSlot(byte[] key) {
        return key.length >= KeyCodec.PREFIX && KeyCodec.dbOf(key) == db && KeyCodec.slotOf(key) == slot;
    }

    private void open() {
        cursor = snapshot.iterator(FAMILIES[family]);
        cursor.seek(KeyCodec.prefix(db, slot));
    }

    private void advance() {
        cursor.close();
        cursor = null;
        if (++family == FAMILIES.length) {
            family = 0;
            db++;
        }
        if (db < databases) {
            open();
        }
    }

    private BinlogPosition positionAtSnapshot() {
        byte[] from = BinlogRecord.key(slot, 0);
        byte[] to = KeyCodec.prefixEnd(0, slot);
        try (RocksIterator log = snapshot.iterator(ColumnFamily.BINLOG)) {
            log.seekForPrev(to);
            if (log.isValid() && java.util.Arrays.compareUnsigned(log.key(), to) >= 0) {
                log.prev();
            }
            if (!log.isValid() || java.util.Arrays.compareUnsigned(log.key(), from) < 0) {
                return BinlogPosition.NONE;
            }
            return new BinlogPosition(BinlogRecord.seqOfKey(log.key()), BinlogRecord.epochOfValue(log.value()));
        }
    }

    @Override
    public void close() {
        if (cursor != null) {
            cursor.close();
            cursor = null;
        }
        snapshot.close();
    }
}
