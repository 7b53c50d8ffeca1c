package io.pikko.storage;

import java.util.Arrays;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;

/**
 * Walks the member records of one version of one collection, in either direction, seeing the
 * current command's own writes. Positions are given and returned as the part of the record key
 * after the collection's prefix: a member, a list index, or a zset's score and member.
 */
public final class MemberCursor implements AutoCloseable {
    private final RocksIterator iterator;
    private final RocksIterator base;
    private final ReadOptions options;
    private final byte[] prefix;

    MemberCursor(RocksIterator iterator, RocksIterator base, ReadOptions options, byte[] prefix) {
        this.iterator = iterator;
        this.base = base;
        this.options = options;
        this.prefix = prefix;
    }

    public MemberCursor seekFirst() {
        iterator.seek(prefix);
        return this;
    }

    public MemberCursor seekLast() {
        byte[] end = KeyCodec.successorPrefix(prefix);
        iterator.seekForPrev(end);
        if (iterator.isValid() && Arrays.equals(iterator.key(), end)) {
            iterator.prev();
        }
        return this;
    }

    /** To the first record at or after {@code suffix}. */
    public MemberCursor seek(byte[] suffix) {
        iterator.seek(KeyCodec.concat(prefix, suffix));
        return this;
    }

    /** To the last record at or before {@code suffix}. */
    public MemberCursor seekForPrev(byte[] suffix) {
        iterator.seekForPrev(KeyCodec.concat(prefix, suffix));
        return this;
    }

    public boolean valid() {
        return iterator.isValid() && startsWithPrefix();
    }

    public void next() {
        iterator.next();
    }

    public void prev() {
        iterator.prev();
    }

    /** The record key after the collection's prefix. */
    public byte[] suffix() {
        byte[] key = iterator.key();
        return Arrays.copyOfRange(key, prefix.length, key.length);
    }

    public byte[] value() {
        return iterator.value();
    }

    /** For zscore records: the score, decoded. */
    public double score() {
        return KeyCodec.scoreOf(iterator.key(), prefix.length);
    }

    /** For zscore records: the member after the score. */
    public byte[] scoredMember() {
        byte[] key = iterator.key();
        return Arrays.copyOfRange(key, prefix.length + 8, key.length);
    }

    private boolean startsWithPrefix() {
        byte[] key = iterator.key();
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    @Override
    public void close() {
        iterator.close();
        if (base != null && base != iterator) {
            base.close();
        }
        options.close();
    }
}
