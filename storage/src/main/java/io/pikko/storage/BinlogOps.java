package io.pikko.storage;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The effect of one write on a slot's records, as its binlog record replays it: puts, deletes and
 * range deletes of raw records, in the order they were made. Replaying the same ops again leaves
 * the same records, so a replica may apply a record twice without harm.
 */
public final class BinlogOps {
    private static final byte PUT = 1;
    private static final byte DELETE = 2;
    private static final byte DELETE_RANGE = 3;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    private int count;

    void put(ColumnFamily family, byte[] key, byte[] value) {
        op(PUT, family);
        bytes(key);
        bytes(value);
    }

    void delete(ColumnFamily family, byte[] key) {
        op(DELETE, family);
        bytes(key);
    }

    void deleteRange(ColumnFamily family, byte[] from, byte[] to) {
        op(DELETE_RANGE, family);
        bytes(from);
        bytes(to);
    }

    int count() {
        return count;
    }

    void clear() {
        out.reset();
        count = 0;
    }

    byte[] encoded() {
        return out.toByteArray();
    }

    private void op(byte kind, ColumnFamily family) {
        out.write(kind);
        out.write(family.ordinal());
        count++;
    }

    private void bytes(byte[] b) {
        int n = b.length;
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
        out.write(b, 0, n);
    }

    /**
     * Adds the ops encoded in {@code encoded} to {@code batch}.
     *
     * @throws IllegalArgumentException when {@code encoded} is not a list of ops
     */
    static void replay(byte[] encoded, WriteBatch batch, PikkoStore store) {
        ByteBuffer in = ByteBuffer.wrap(encoded);
        ColumnFamily[] families = ColumnFamily.values();
        try {
            while (in.hasRemaining()) {
                byte kind = in.get();
                int family = in.get();
                if (family < 0 || family >= families.length) {
                    throw new IllegalArgumentException("binlog op names no column family: " + family);
                }
                var handle = store.handle(families[family]);
                byte[] first = bytes(in);
                switch (kind) {
                    case PUT -> batch.put(handle, first, bytes(in));
                    case DELETE -> batch.delete(handle, first);
                    case DELETE_RANGE -> batch.deleteRange(handle, first, bytes(in));
                    default -> throw new IllegalArgumentException("unknown binlog op " + kind);
                }
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated binlog record", e);
        } catch (RocksDBException e) {
            throw new StorageException("binlog replay failed: " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("truncated binlog record");
        }
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }
}
