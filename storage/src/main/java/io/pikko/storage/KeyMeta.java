package io.pikko.storage;

import java.nio.ByteBuffer;

/**
 * The metadata record of one key: its type, the version its member records carry, its expiry
 * (epoch milliseconds, 0 for none) and a type-specific payload. A string keeps its value inline
 * as the payload.
 */
public record KeyMeta(KeyType type, long version, long expireAt, byte[] payload) {
    private static final int HEADER = 1 + 8 + 8;

    public static KeyMeta string(byte[] value, long expireAt) {
        return new KeyMeta(KeyType.STRING, 0, expireAt, value);
    }

    /**
     * A new, empty collection. Its payload holds the member count and, for lists, the index of
     * the first element and one past the last.
     */
    public static KeyMeta collection(KeyType type, long version, long expireAt) {
        return new KeyMeta(type, version, expireAt, new byte[type == KeyType.LIST ? 24 : 8]);
    }

    public boolean isCollection() {
        return type != KeyType.STRING;
    }

    /** Members of a collection. */
    public long size() {
        return ByteBuffer.wrap(payload).getLong(0);
    }

    public KeyMeta withSize(long size) {
        byte[] copy = payload.clone();
        ByteBuffer.wrap(copy).putLong(0, size);
        return new KeyMeta(type, version, expireAt, copy);
    }

    /** A list's first index; its elements sit at [head, tail). */
    public long listHead() {
        return ByteBuffer.wrap(payload).getLong(8);
    }

    public long listTail() {
        return ByteBuffer.wrap(payload).getLong(16);
    }

    public KeyMeta withListBounds(long head, long tail) {
        byte[] copy = new byte[24];
        ByteBuffer.wrap(copy).putLong(tail - head).putLong(head).putLong(tail);
        return new KeyMeta(type, version, expireAt, copy);
    }

    public boolean hasExpiry() {
        return expireAt > 0;
    }

    public boolean isExpired(long nowMillis) {
        return expireAt > 0 && expireAt <= nowMillis;
    }

    public KeyMeta withExpireAt(long newExpireAt) {
        return new KeyMeta(type, version, newExpireAt, payload);
    }

    public byte[] encode() {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + payload.length);
        buffer.put(type.code()).putLong(version).putLong(expireAt).put(payload);
        return buffer.array();
    }

    /** The expiry of an encoded record, read without copying its payload. */
    public static long expireAtOf(byte[] encoded) {
        return ByteBuffer.wrap(encoded).getLong(1 + 8);
    }

    public static KeyMeta decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        KeyType type = KeyType.fromCode(buffer.get());
        long version = buffer.getLong();
        long expireAt = buffer.getLong();
        byte[] payload = new byte[bytes.length - HEADER];
        buffer.get(payload);
        return new KeyMeta(type, version, expireAt, payload);
    }
}
