package io.pikko.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.rocksdb.RocksIterator;

/**
 * The chunks of one key as a snapshot holds it, read one chunk at a time from the data family so
 * a key of any size is never held whole. A null {@code meta} gives the key's deletion.
 */
final class KeyChunks implements Iterator<ExportChunk> {
    private final int db;
    private final byte[] key;
    private final KeyMeta meta;
    private final RocksIterator data;
    private final byte[] prefix;
    private final int maxElements;
    private final long maxBytes;
    private long remaining;
    private boolean started;
    private boolean done;

    /**
     * @param data an iterator over the data family at the snapshot, which this walks until its last chunk
     * @param maxElements members per chunk: a hash field with its value, or a sorted-set member
     *     with its score, counts as one
     */
    KeyChunks(int db, int slot, byte[] key, KeyMeta meta, RocksIterator data, int maxElements, long maxBytes) {
        this.db = db;
        this.key = key;
        this.meta = meta;
        this.data = data;
        this.prefix = meta == null ? null : KeyCodec.memberPrefix(db, slot, key, meta.version());
        this.maxElements = Math.max(1, maxElements);
        this.maxBytes = maxBytes;
        this.remaining = meta == null || !meta.isCollection() ? 0 : meta.size();
    }

    @Override
    public boolean hasNext() {
        return !done;
    }

    @Override
    public ExportChunk next() {
        if (done) {
            throw new NoSuchElementException();
        }
        boolean first = !started;
        started = true;
        if (meta == null) {
            done = true;
            return ExportChunk.deletion(db, key);
        }
        if (!meta.isCollection()) {
            done = true;
            return chunk(true, true, List.of(meta.payload()));
        }
        if (first) {
            // A list's live elements are [head, tail); before the head lie only popped ones' tombstones.
            data.seek(meta.type() == KeyType.LIST ? KeyCodec.concat(prefix, KeyCodec.sortableIndex(meta.listHead())) : prefix);
        }
        List<byte[]> elements = new ArrayList<>();
        long bytes = ExportChunk.emptyBytes(key);
        int members = 0;
        while (remaining > 0 && onMember()) {
            byte[] recordKey = data.key();
            byte[] value = data.value();
            byte[] member = Arrays.copyOfRange(recordKey, prefix.length, recordKey.length);
            long cost = memberBytes(member, value);
            if (members > 0 && (members >= maxElements || bytes + cost > maxBytes)) {
                break;
            }
            addMember(elements, member, value);
            bytes += cost;
            members++;
            remaining--;
            data.next();
        }
        // Counting down the size stops the walk at the last member, before any tombstones behind it.
        done = remaining == 0 || !onMember();
        return chunk(first, done, elements);
    }

    private boolean onMember() {
        if (!data.isValid()) {
            return false;
        }
        byte[] recordKey = data.key();
        return recordKey.length >= prefix.length && Arrays.equals(recordKey, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** A record's elements: a list keeps its element, a set its member, a hash and a sorted set both. */
    private void addMember(List<byte[]> elements, byte[] member, byte[] value) {
        switch (meta.type()) {
            case LIST -> elements.add(value);
            case SET -> elements.add(member);
            default -> {
                elements.add(member);
                elements.add(value);
            }
        }
    }

    private long memberBytes(byte[] member, byte[] value) {
        return switch (meta.type()) {
            case LIST -> ExportChunk.elementBytes(value);
            case SET -> ExportChunk.elementBytes(member);
            default -> ExportChunk.elementBytes(member) + ExportChunk.elementBytes(value);
        };
    }

    private ExportChunk chunk(boolean first, boolean last, List<byte[]> elements) {
        return new ExportChunk(db, key, meta.type(), meta.expireAt(), first, last, false, elements);
    }
}
