package io.pikko.storage;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Byte layouts of the keys in each column family. Every key of the meta, data and zscore families
 * starts with {@code db (2 bytes) | slot (2 bytes)}, so one slot of one database is one contiguous
 * range. The expire index is ordered by time first so the sweeper finds due keys with one seek.
 */
public final class KeyCodec {
    public static final int PREFIX = 4;

    private KeyCodec() {}

    public static byte[] prefix(int db, int slot) {
        return new byte[] {(byte) (db >>> 8), (byte) db, (byte) (slot >>> 8), (byte) slot};
    }

    /** The first prefix after this db and slot: the exclusive end of their range. */
    public static byte[] prefixEnd(int db, int slot) {
        int next = (db << 16 | slot) + 1;
        return new byte[] {(byte) (next >>> 24), (byte) (next >>> 16), (byte) (next >>> 8), (byte) next};
    }

    public static byte[] metaKey(int db, int slot, byte[] userKey) {
        byte[] out = new byte[PREFIX + userKey.length];
        System.arraycopy(prefix(db, slot), 0, out, 0, PREFIX);
        System.arraycopy(userKey, 0, out, PREFIX, userKey.length);
        return out;
    }

    public static byte[] userKeyOfMeta(byte[] metaKey) {
        return Arrays.copyOfRange(metaKey, PREFIX, metaKey.length);
    }

    public static int dbOf(byte[] prefixedKey) {
        return (prefixedKey[0] & 0xff) << 8 | (prefixedKey[1] & 0xff);
    }

    public static int slotOf(byte[] prefixedKey) {
        return (prefixedKey[2] & 0xff) << 8 | (prefixedKey[3] & 0xff);
    }

    /** Expire index entry: {@code expireAt (8) | db (2) | slot (2) | user key}. */
    public static byte[] expireKey(long expireAt, int db, int slot, byte[] userKey) {
        return ByteBuffer.allocate(8 + PREFIX + userKey.length)
                .putLong(expireAt).put(prefix(db, slot)).put(userKey).array();
    }

    public static byte[] expireUpperBound(long nowMillis) {
        return ByteBuffer.allocate(8).putLong(nowMillis + 1).array();
    }

    public static DueExpiration decodeExpireKey(byte[] key) {
        ByteBuffer buffer = ByteBuffer.wrap(key);
        long expireAt = buffer.getLong();
        int db = buffer.getShort() & 0xffff;
        int slot = buffer.getShort() & 0xffff;
        byte[] userKey = new byte[key.length - 8 - PREFIX];
        buffer.get(userKey);
        return new DueExpiration(expireAt, db, slot, userKey);
    }
}
