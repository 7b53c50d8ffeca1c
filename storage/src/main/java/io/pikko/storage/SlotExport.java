package io.pikko.storage;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.rocksdb.RocksIterator;

/**
 * The keys of one slot as a RocksDB snapshot holds them, as {@link ExportChunk}s produced one at a
 * time: every database in order, keys in byte order, each live key whole (expired keys skipped),
 * a big collection in many chunks. Writes after the export opened are not in it. Once opened it
 * reads only the store and its snapshot, so a stream may pull it from any thread, one pull at a
 * time. Close it (before the store) to release the snapshot.
 */
public final class SlotExport implements Iterator<ExportChunk>, AutoCloseable {
    private final StoreSnapshot snapshot;
    private final RocksIterator data;
    private final RocksIterator meta;
    private final int slot;
    private final int databases;
    private final long nowMillis;
    private final int maxElements;
    private final long maxBytes;
    private final long keysAtSnapshot;
    private int db;
    private byte[] dbEnd;
    private KeyChunks current;
    private boolean closed;

    private SlotExport(SlotKeyspace keyspace, long nowMillis, int maxElements, long maxBytes, boolean walkSlot) {
        this.snapshot = keyspace.store().snapshot();
        this.data = snapshot.iterator(ColumnFamily.DATA);
        this.meta = walkSlot ? snapshot.iterator(ColumnFamily.META) : null;
        this.slot = keyspace.slot();
        this.databases = keyspace.databases();
        this.nowMillis = nowMillis;
        this.maxElements = maxElements;
        this.maxBytes = maxBytes;
        long keys = 0;
        for (int d = 0; walkSlot && d < databases; d++) {
            keys += keyspace.count(d);
        }
        this.keysAtSnapshot = walkSlot ? keys : 1;
    }

    /** Every key of the slot, from key {@code fromKey} of database {@code fromDb} on (null: the database's first). */
    static SlotExport ofSlot(SlotKeyspace keyspace, long nowMillis, int maxElements, long maxBytes,
                             int fromDb, byte[] fromKey) {
        SlotExport export = new SlotExport(keyspace, nowMillis, maxElements, maxBytes, true);
        export.enterDb(fromDb, fromKey);
        return export;
    }

    /** One key's current state, or its deletion when it does not exist or has expired. */
    static SlotExport ofKey(SlotKeyspace keyspace, int db, byte[] key, long nowMillis, int maxElements, long maxBytes) {
        SlotExport export = new SlotExport(keyspace, nowMillis, maxElements, maxBytes, false);
        byte[] raw = export.snapshot.get(ColumnFamily.META, KeyCodec.metaKey(db, export.slot, key));
        KeyMeta found = raw == null ? null : KeyMeta.decode(raw);
        KeyMeta live = found == null || found.isExpired(nowMillis) ? null : found;
        export.current = new KeyChunks(db, export.slot, key, live, export.data, maxElements, maxBytes);
        return export;
    }

    /**
     * The keys the slot held when the export opened, counting expired keys not yet removed (as
     * DBSIZE does), so the export may yield fewer: for "keys left" progress.
     */
    public long keysAtSnapshot() {
        return keysAtSnapshot;
    }

    @Override
    public boolean hasNext() {
        if (closed) {
            return false;
        }
        while (current == null || !current.hasNext()) {
            current = nextKey();
            if (current == null) {
                return false;
            }
        }
        return true;
    }

    @Override
    public ExportChunk next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    private KeyChunks nextKey() {
        if (meta == null) {
            return null;
        }
        while (db < databases) {
            if (meta.isValid() && Arrays.compareUnsigned(meta.key(), dbEnd) < 0) {
                byte[] metaKey = meta.key();
                KeyMeta keyMeta = KeyMeta.decode(meta.value());
                meta.next();
                if (!keyMeta.isExpired(nowMillis)) {
                    return new KeyChunks(db, slot, KeyCodec.userKeyOfMeta(metaKey), keyMeta, data, maxElements, maxBytes);
                }
            } else {
                enterDb(db + 1, null);
            }
        }
        return null;
    }

    private void enterDb(int next, byte[] fromKey) {
        db = next;
        if (db < databases) {
            dbEnd = KeyCodec.prefixEnd(db, slot);
            meta.seek(fromKey == null ? KeyCodec.prefix(db, slot) : KeyCodec.metaKey(db, slot, fromKey));
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        data.close();
        if (meta != null) {
            meta.close();
        }
        snapshot.close();
    }
}
