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

    /**
     * The common start of every member record of one version of a collection, in the data and
     * zscore families: {@code db | slot | key length (4) | key | version (8)}. The length keeps
     * key "a" and key "ab" from interleaving.
     */
    public static byte[] memberPrefix(int db, int slot, byte[] userKey, long version) {
        return ByteBuffer.allocate(PREFIX + 4 + userKey.length + 8)
                .put(prefix(db, slot)).putInt(userKey.length).put(userKey).putLong(version).array();
    }

    /** The smallest key greater than every key that starts with {@code prefix}. */
    public static byte[] successorPrefix(byte[] prefix) {
        byte[] out = prefix.clone();
        for (int i = out.length - 1; i >= 0; i--) {
            if (out[i] != (byte) 0xff) {
                out[i]++;
                return Arrays.copyOf(out, i + 1);
            }
        }
        throw new IllegalArgumentException("no successor of an all-0xff prefix");
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The user key and version a member record belongs to, read back from its key. */
    public record MemberOwner(int db, byte[] userKey, long version) {}

    public static MemberOwner ownerOfMember(byte[] memberKey) {
        ByteBuffer buffer = ByteBuffer.wrap(memberKey);
        int db = buffer.getShort() & 0xffff;
        buffer.getShort();
        byte[] userKey = new byte[buffer.getInt()];
        buffer.get(userKey);
        return new MemberOwner(db, userKey, buffer.getLong());
    }

    /** A double as 8 bytes that sort as the numbers do (-inf first, +inf last). */
    public static byte[] sortableScore(double score) {
        long bits = Double.doubleToLongBits(score == 0.0 ? 0.0 : score);
        bits = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
        return ByteBuffer.allocate(8).putLong(bits).array();
    }

    public static double scoreOf(byte[] sortable, int offset) {
        long bits = ByteBuffer.wrap(sortable, offset, 8).getLong();
        bits = bits < 0 ? bits ^ Long.MIN_VALUE : ~bits;
        return Double.longBitsToDouble(bits);
    }

    /** A list index as 8 bytes that sort as signed numbers do. */
    public static byte[] sortableIndex(long index) {
        return ByteBuffer.allocate(8).putLong(index ^ Long.MIN_VALUE).array();
    }

    public static long indexOf(byte[] sortable) {
        return ByteBuffer.wrap(sortable).getLong() ^ Long.MIN_VALUE;
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
