package io.pikko.actors.migration;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps a session within its keys/s and bytes/s limits: after each batch the next may go only once
 * the batch's share of a second has passed. The limits can change while the session runs.
 */
final class Pacer {
    private final AtomicReference<MigrationLimits> limits;
    private long nextNanos = System.nanoTime();

    Pacer(AtomicReference<MigrationLimits> limits) {
        this.limits = limits;
    }

    /** How long to wait before sending a batch of this size, and books the batch. One caller at a time. */
    synchronized long delayNanos(long keys, long bytes) {
        long now = System.nanoTime();
        long start = Math.max(now, nextNanos);
        MigrationLimits current = limits.get();
        long forKeys = current.keysPerSecond() > 0 ? keys * 1_000_000_000L / current.keysPerSecond() : 0;
        long forBytes = current.bytesPerSecond() > 0 ? bytes * 1_000_000_000L / current.bytesPerSecond() : 0;
        nextNanos = start + Math.max(forKeys, forBytes);
        return start - now;
    }
}
