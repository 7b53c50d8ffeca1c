package io.pikko.dashboard;

import java.time.Duration;

/**
 * How the dashboard runs replication: the sentinel probes every {@code interval}, and a master
 * that missed {@code failures} in a row, and that the cluster's failure detector also sees down, is
 * replaced; a new group starts in {@code defaultMode} ({@link Group#ASYNC} or {@link Group#CONSISTENT}).
 */
public record ReplicationSettings(Duration interval, int failures, String defaultMode) {
    public ReplicationSettings {
        if (interval.isNegative() || interval.isZero() || failures < 1) {
            throw new IllegalArgumentException("the sentinel needs a positive probe interval and at least one failure");
        }
        if (!Group.ASYNC.equals(defaultMode) && !Group.CONSISTENT.equals(defaultMode)) {
            throw new IllegalArgumentException("the replication mode is async or consistent, not '" + defaultMode + "'");
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

    public static ReplicationSettings defaults() {
        return new ReplicationSettings(Duration.ofMillis(500), 3, Group.ASYNC);
    }
}
