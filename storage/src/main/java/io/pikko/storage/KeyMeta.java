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
