package io.pikko.protocol;

import java.util.zip.CRC32;

/**
 * Maps a key to one of the 1024 slots the way Codis and Pika do: {@code crc32(hashkey) % 1024},
 * where the hashkey is the text between the first '{' and the first '}' after it when both exist
 * (an empty "{}" hashes the empty string), else the whole key.
 */
public final class SlotHash {
    public static final int SLOTS = 1024;

    private SlotHash() {}

    public static int slotOf(byte[] key) {
        int start = 0;
        int end = key.length;
        int open = indexOf(key, (byte) '{', 0);
        if (open >= 0) {
            int close = indexOf(key, (byte) '}', open + 1);
            if (close >= 0) {
                start = open + 1;
                end = close;
            }
        }
        CRC32 crc = new CRC32();
        crc.update(key, start, end - start);
        return (int) (crc.getValue() % SLOTS);
    }

    /** The key's {tag}: the bytes between its first '{' and the first '}' after it; null when it has none. */
    public static byte[] tagOf(byte[] key) {
        int open = indexOf(key, (byte) '{', 0);
        int close = open < 0 ? -1 : indexOf(key, (byte) '}', open + 1);
        return close < 0 ? null : java.util.Arrays.copyOfRange(key, open + 1, close);
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
