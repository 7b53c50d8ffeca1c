package io.pikko.dashboard;

import java.time.Duration;

/**
 * How the sentinel watches masters: a probe every {@code interval}, and a master that missed
 * {@code failures} in a row, and that the cluster's failure detector also sees down, is replaced.
 */
public record SentinelSettings(Duration interval, int failures) {
    public SentinelSettings {
        if (interval.isNegative() || interval.isZero() || failures < 1) {
            throw new IllegalArgumentException("the sentinel needs a positive probe interval and at least one failure");
        }
    }

    /**
     * How long a probe lets a master take writes: one interval less than the silence after which
     * the sentinel may replace it, so a master cut off from the sentinel has stopped writing by the
     * time a replica takes over, with an interval to spare for the probe's travel.
     */
    public long leaseMillis() {
        return Math.max(1, interval.toMillis() * (failures - 1));
    }

    public static SentinelSettings defaults() {
        return new SentinelSettings(Duration.ofMillis(500), 3);
    }
}
