package io.pikko.actors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each SCAN in progress stopped in this slot. A SCAN cursor names its slot and a token of
 * this table; a forgotten token restarts the slot, which SCAN's guarantees allow (keys may repeat).
 */
final class ScanCursors {
    private static final int CAPACITY = 256;

    private final Map<Long, byte[]> positions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > CAPACITY;
        }
    };
    private long nextToken = 1;

    /** The key to continue after, or null to start from the beginning. */
    byte[] resume(long token) {
        return token == 0 ? null : positions.remove(token);
    }

    long remember(byte[] continueAfter) {
        long token = nextToken++;
        // Tokens must stay positive and leave room for the slot bits of a cursor.
        if (nextToken >= (1L << 52)) {
            nextToken = 1;
        }
        positions.put(token, continueAfter);
        return token;
    }
}
