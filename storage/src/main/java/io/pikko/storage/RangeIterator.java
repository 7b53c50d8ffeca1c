package io.pikko.storage;

import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/** A forward iterator over one key range of a column family. */
public final class RangeIterator implements AutoCloseable {
    private final RocksIterator iterator;
    private final ReadOptions options;
    private final Slice upperBound;

    RangeIterator(RocksIterator iterator, ReadOptions options, Slice upperBound) {
        this.iterator = iterator;
        this.options = options;
        this.upperBound = upperBound;
    }

    public boolean valid() {
        return iterator.isValid();
    }

    public byte[] key() {
        return iterator.key();
    }

    public byte[] value() {
        return iterator.value();
    }

    public void next() {
        iterator.next();
    }

    public void seek(byte[] key) {
        iterator.seek(key);
    }

    @Override
    public void close() {
        iterator.close();
        options.close();
        upperBound.close();
    }
}
