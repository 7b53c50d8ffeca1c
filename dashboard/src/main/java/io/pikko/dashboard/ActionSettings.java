package io.pikko.dashboard;

import io.pikko.protocol.CborSerializable;

/**
 * How slot actions run. {@code disabled} pauses them as a whole: no action starts while it is
 * set. {@code parallel} is how many moves may run at once between the same two groups (see
 * {@link SlotActions#startable}). {@code maxKeysPerSec} and {@code maxBytesPerSec} throttle each
 * running move; 0 means unlimited.
 */
public record ActionSettings(boolean disabled, int parallel, long maxKeysPerSec, long maxBytesPerSec)
        implements CborSerializable {

    /** Running, one move per group pair at a time, unthrottled. */
    public static ActionSettings defaults() {
        return new ActionSettings(false, 1, 0, 0);
    }

    /** These settings, or what is wrong with them: they come from operators. */
    public Outcome<ActionSettings> validate() {
        if (parallel < 1) {
            return Outcome.refused(400, "parallel must be at least 1, not " + parallel);
        }
        if (maxKeysPerSec < 0) {
            return Outcome.refused(400, "max_keys_per_sec must be 0 (unlimited) or more, not " + maxKeysPerSec);
        }
        if (maxBytesPerSec < 0) {
            return Outcome.refused(400, "max_bytes_per_sec must be 0 (unlimited) or more, not " + maxBytesPerSec);
        }
        return Outcome.ok(this);
    }
}
