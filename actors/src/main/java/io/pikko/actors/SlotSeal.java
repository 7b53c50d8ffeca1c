package io.pikko.actors;

import io.pikko.protocol.NodeClock;

/**
 * Whether a slot refuses writes now, for one of two reasons: it is about to be given to another
 * group without its data (a reassignment, sealed for a while, see {@link SlotEntity.Seal}), or its
 * move to another node is in its cutover (sealed until the move commits or ends). Owned by the
 * slot's entity.
 */
final class SlotSeal {
    private final NodeClock clock;
    /** While the wall clock is before this, the slot is being reassigned. */
    private long reassignedUntilMillis;
    private boolean cutover;
    private long cutoverSinceNanos;

    SlotSeal(NodeClock clock) {
        this.clock = clock;
    }

    /** Refuses writes for {@code millis} from now, or until {@link #endReassignment()}. */
    void sealForReassignment(long millis) {
        reassignedUntilMillis = clock.millis() + millis;
    }

    void endReassignment() {
        reassignedUntilMillis = 0;
    }

    /** Refuses writes until {@link #endCutover()}; sealing again keeps the first moment. */
    void sealForCutover() {
        if (!cutover) {
            cutover = true;
            cutoverSinceNanos = clock.nanos();
        }
    }

    void endCutover() {
        cutover = false;
    }

    boolean inCutover() {
        return cutover;
    }

    /** How long the cutover has refused writes so far, for the log. */
    long cutoverMillis() {
        return cutover ? (clock.nanos() - cutoverSinceNanos) / 1_000_000 : 0;
    }

    boolean refusesWrites() {
        return cutover || clock.millis() < reassignedUntilMillis;
    }
}
