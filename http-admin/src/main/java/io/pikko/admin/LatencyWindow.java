package io.pikko.admin;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every command's latency in buckets four to a doubling (each bound 19% above the one before) up
 * to about 33 s, counted since the start: the dashboard's p99 comes from the difference of two
 * readings a second apart. Prometheus gets its own histograms from Micrometer.
 */
final class LatencyWindow {
    private static final int BUCKETS = 101;
    /** Upper bounds in microseconds; the last bucket takes everything slower too. */
    private static final long[] BOUNDS = new long[BUCKETS];

    static {
        for (int i = 0; i < BUCKETS; i++) {
            // Below 8 µs the doublings are finer than a microsecond: one bucket per microsecond there.
            BOUNDS[i] = Math.max(i == 0 ? 1 : BOUNDS[i - 1] + 1, Math.round(Math.pow(2, i / 4.0)));
        }
    }

    private final LongAdder[] counts = new LongAdder[BUCKETS];

    LatencyWindow() {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] = new LongAdder();
        }
    }

    void record(long micros) {
        int at = Arrays.binarySearch(BOUNDS, micros);
        int bucket = at >= 0 ? at : -at - 1;
        counts[Math.min(bucket, BUCKETS - 1)].increment();
    }

    /** Commands counted in each bucket so far. */
    long[] counts() {
        long[] out = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            out[i] = counts[i].sum();
        }
        return out;
    }

    /**
     * The bound under which {@code quantile} of the commands counted between two readings fell, in
     * seconds; null when none was counted.
     */
    static Double quantileSeconds(long[] before, long[] after, double quantile) {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += after[i] - before[i];
        }
        if (total == 0) {
            return null;
        }
        // Less an epsilon: a product of doubles just above a whole count must not count one more.
        long wanted = Math.max(1, (long) Math.ceil(total * quantile - 1e-9));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += after[i] - before[i];
            if (seen >= wanted) {
                return BOUNDS[i] / 1e6;
            }
        }
        return BOUNDS[BUCKETS - 1] / 1e6;
    }
}
