package io.pikko.storage;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The first and last live score entries last seen in recently used sorted sets of one slot.
 * Popping from an end leaves tombstones there that RocksDB keeps until it compacts; a cursor that
 * seeks straight to the remembered end does not walk them, which keeps ZPOPMIN/ZPOPMAX queues from
 * slowing down pop after pop. Every write of a score entry below the first or above the last one
 * forgets that end, so a remembered end never hides a live entry.
 */
final class LiveEnds {
    private static final int CAPACITY = 4096;

    private final Map<ByteBuffer, byte[][]> ends = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, byte[][]> eldest) {
            return size() > CAPACITY;
        }
    };

    byte[] first(byte[] prefix) {
        byte[][] known = ends.get(ByteBuffer.wrap(prefix));
        return known == null ? null : known[0];
    }

    byte[] last(byte[] prefix) {
        byte[][] known = ends.get(ByteBuffer.wrap(prefix));
        return known == null ? null : known[1];
    }

    void setFirst(byte[] prefix, byte[] key) {
        ends.computeIfAbsent(ByteBuffer.wrap(prefix), p -> new byte[2][])[0] = key;
    }

    void setLast(byte[] prefix, byte[] key) {
        ends.computeIfAbsent(ByteBuffer.wrap(prefix), p -> new byte[2][])[1] = key;
    }

    /** Hands every end known here to {@code target}, then forgets them. */
    void copyTo(LiveEnds target) {
        ends.forEach((prefix, known) -> {
            if (known[0] != null) {
                target.setFirst(prefix.array(), known[0]);
            }
            if (known[1] != null) {
                target.setLast(prefix.array(), known[1]);
            }
        });
        ends.clear();
    }

    /** A new entry {@code key}: forgets an end it lies beyond. */
    void admit(byte[] prefix, byte[] key) {
        byte[][] known = ends.get(ByteBuffer.wrap(prefix));
        if (known != null) {
            if (known[0] != null && Arrays.compareUnsigned(key, known[0]) < 0) {
                known[0] = null;
            }
            if (known[1] != null && Arrays.compareUnsigned(key, known[1]) > 0) {
                known[1] = null;
            }
        }
    }
}
