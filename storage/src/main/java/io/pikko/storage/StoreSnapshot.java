package io.pikko.storage;

import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;

/**
 * The whole store as it was at one moment: reads through it see no later write. RocksDB keeps
 * the records the snapshot sees until it is closed, so close it promptly, and before the store.
 */
final class StoreSnapshot implements AutoCloseable {
    private final PikkoStore store;
    private final Snapshot snapshot;
    private final ReadOptions options;
    private boolean closed;

    StoreSnapshot(PikkoStore store, Snapshot snapshot) {
        this.store = store;
        this.snapshot = snapshot;
        this.options = new ReadOptions().setSnapshot(snapshot);
    }

    byte[] get(ColumnFamily family, byte[] key) {
        return store.get(options, family, key);
    }

    /** An iterator over a column family at the snapshot; close it before the snapshot. */
    RocksIterator iterator(ColumnFamily family) {
        return store.rawIterator(family, options);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        options.close();
        store.releaseSnapshot(snapshot);
    }
}
