package io.pikko.commands;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each SCAN in progress stopped in this slot (and each HSCAN, SSCAN or ZSCAN in a collection
 * of it). A cursor carries a token of this table; a forgotten token restarts the walk, which SCAN's
 * guarantees allow (elements may repeat, none present throughout is missed).
 */
public final class ScanCursors {
    private static final int CAPACITY = 256;

    private final Map<Long, byte[]> positions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > CAPACITY;
        }
    };
    private long nextToken = 1;

    /** The key to continue after, or null to start from the beginning. */
    public byte[] resume(long token) {
        return token == 0 ? null : positions.remove(token);
    }

    public long remember(byte[] continueAfter) {
        long token = nextToken++;
        // Tokens must stay positive and leave room for the slot bits of a cursor.
        if (nextToken >= (1L << 52)) {
            nextToken = 1;
        }
        positions.put(token, continueAfter);
        return token;
    }
}
