package io.pikko.storage;

import java.nio.ByteBuffer;

/**
 * One entry of a slot's binlog: its sequence (per slot, growing, never reused), the group epoch of
 * the master that wrote it, when, and the write's effect ({@link BinlogOps}, encoded). A record
 * with no ops marks the position a replica reached by a full sync.
 */
public record BinlogRecord(long seq, long epoch, long timeMillis, byte[] ops) {
    private static final int HEADER = 16;

    /** The record's key in the binlog family: {@code db 0 | slot | seq}, so a slot's log is one range in order. */
    static byte[] key(int slot, long seq) {
        return ByteBuffer.allocate(KeyCodec.PREFIX + 8).put(KeyCodec.prefix(0, slot)).putLong(seq).array();
    }

    static long seqOfKey(byte[] key) {
        return ByteBuffer.wrap(key, KeyCodec.PREFIX, 8).getLong();
    }

    byte[] value() {
        return ByteBuffer.allocate(HEADER + ops.length).putLong(epoch).putLong(timeMillis).put(ops).array();
    }

    static BinlogRecord decode(byte[] key, byte[] value) {
        ByteBuffer in = ByteBuffer.wrap(value);
        long epoch = in.getLong();
        long time = in.getLong();
        byte[] ops = new byte[in.remaining()];
        in.get(ops);
        return new BinlogRecord(seqOfKey(key), epoch, time, ops);
    }

    static long epochOfValue(byte[] value) {
        return ByteBuffer.wrap(value).getLong();
    }

    static long timeOfValue(byte[] value) {
        return ByteBuffer.wrap(value, 8, 8).getLong();
    }

    /** The bytes this record takes in the log, near enough for trimming by size. */
    public long size() {
        return KeyCodec.PREFIX + 8 + HEADER + ops.length;
    }
}
