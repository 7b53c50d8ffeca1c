package io.pikko.storage;

/**
 * How much of a slot's binlog is kept: at least the newest record, and beyond it the records
 * younger than {@code maxAgeMillis} within {@code maxBytes}. A replica's need can keep more, up
 * to {@code capBytes}; a replica further behind than that does a full sync.
 */
public record BinlogRetention(long maxBytes, long maxAgeMillis, long capBytes) {
    public BinlogRetention {
        if (maxBytes < 0 || maxAgeMillis < 0 || capBytes < maxBytes) {
            throw new IllegalArgumentException("binlog retention needs 0 <= max-bytes <= cap-bytes and a non-negative age");
        }
    }

    public static BinlogRetention defaults() {
        return new BinlogRetention(1L << 20, 3_600_000L, 16L << 20);
    }
}
