package io.pikko.commands;

/**
 * Redis's encoding thresholds (hash-max-listpack-entries and the like), which decide the encoding
 * OBJECT ENCODING reports and DUMP writes, and hll-sparse-max-bytes, which decides when a
 * HyperLogLog turns dense. CONFIG SET changes them for the whole node process; a slot's commands
 * read the value current when they run. The values are immutable, only the reference changes.
 */
public record EncodingLimits(long hashMaxListpackEntries, long hashMaxListpackValue, long setMaxIntsetEntries,
                             long zsetMaxListpackEntries, long zsetMaxListpackValue, int listMaxListpackSize,
                             long hllSparseMaxBytes) {
    /** Redis 7.0's built-in defaults. */
    public static final EncodingLimits DEFAULTS = new EncodingLimits(512, 64, 512, 128, 64, -2, 3000);

    private static volatile EncodingLimits current = DEFAULTS;

    public static EncodingLimits current() {
        return current;
    }

    public static void set(EncodingLimits limits) {
        current = limits;
    }

    /**
     * A quicklist node's byte limit for a negative list-max-listpack-size (-1 is 4 KB ... -5 is
     * 64 KB); for a positive size, Redis's 8 KB safety limit, which applies alongside the count.
     */
    int listNodeBytes() {
        int fill = listMaxListpackSize;
        if (fill >= 0) {
            return 8192;
        }
        return 4096 << (Math.min(-fill, 5) - 1);
    }

    /** The entries per quicklist node for a list-max-listpack-size of 0 or more (a node takes one at least); unlimited otherwise. */
    long listNodeEntries() {
        return listMaxListpackSize >= 0 ? listMaxListpackSize : Long.MAX_VALUE;
    }
}
