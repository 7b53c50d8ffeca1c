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
    private final Ends ends;

    /** Where a collection's live records begin and end, if known, so seeks can skip tombstones outside. */
    interface Ends {
        byte[] first();

        byte[] last();

        void foundFirst(byte[] entry);

        void foundLast(byte[] entry);
    }

    MemberCursor(RocksIterator iterator, RocksIterator base, ReadOptions options, byte[] prefix, Ends ends) {
        this.iterator = iterator;
        this.base = base;
        this.options = options;
        this.prefix = prefix;
        this.ends = ends;
    }

    public MemberCursor seekFirst() {
        byte[] first = ends == null ? null : ends.first();
        iterator.seek(first != null ? first : prefix);
        if (ends != null && valid()) {
            ends.foundFirst(iterator.key());
        }
        return this;
    }

    public MemberCursor seekLast() {
        byte[] last = ends == null ? null : ends.last();
        if (last != null) {
            iterator.seekForPrev(last);
        } else {
            byte[] end = KeyCodec.successorPrefix(prefix);
            iterator.seekForPrev(end);
            if (iterator.isValid() && Arrays.equals(iterator.key(), end)) {
                iterator.prev();
            }
        }
        if (ends != null && valid()) {
            ends.foundLast(iterator.key());
        }
        return this;
    }

    /** To the first record at or after {@code suffix}. */
    public MemberCursor seek(byte[] suffix) {
        byte[] target = KeyCodec.concat(prefix, suffix);
        byte[] first = ends == null ? null : ends.first();
        iterator.seek(first != null && Arrays.compareUnsigned(target, first) < 0 ? first : target);
        return this;
    }

    /** To the last record at or before {@code suffix}. */
    public MemberCursor seekForPrev(byte[] suffix) {
        byte[] target = KeyCodec.concat(prefix, suffix);
        byte[] last = ends == null ? null : ends.last();
        iterator.seekForPrev(last != null && Arrays.compareUnsigned(target, last) > 0 ? last : target);
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
