package io.pikko.actors.migration;

import io.pikko.protocol.NodeClock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps a session within its keys/s and bytes/s limits: a batch may go once the previous batch's
 * share of a second, at the limits in force now, has passed. The limits can change while the
 * session runs, and a raised limit applies to the very next batch.
 */
final class Pacer {
    /** A waiting batch looks at the limits again this often. */
    static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final AtomicReference<MigrationLimits> limits;
    private final NodeClock clock;
    private long lastStartNanos;
    private long lastKeys;
    private long lastBytes;

    Pacer(AtomicReference<MigrationLimits> limits, NodeClock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** How long the next batch must still wait, at most one slice; 0 when it may go. One caller at a time. */
    synchronized long waitNanos() {
        MigrationLimits current = limits.get();
        long forKeys = current.keysPerSecond() > 0 ? lastKeys * 1_000_000_000L / current.keysPerSecond() : 0;
        long forBytes = current.bytesPerSecond() > 0 ? lastBytes * 1_000_000_000L / current.bytesPerSecond() : 0;
        long left = lastStartNanos + Math.max(forKeys, forBytes) - clock.nanos();
        return left <= 0 ? 0 : Math.min(left, SLICE_NANOS);
    }

    /** A batch of this size goes now. */
    synchronized void sent(long keys, long bytes) {
        lastStartNanos = clock.nanos();
        lastKeys = keys;
        lastBytes = bytes;
    }
}
