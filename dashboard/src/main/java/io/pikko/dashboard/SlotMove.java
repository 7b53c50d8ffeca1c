package io.pikko.dashboard;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.pikko.protocol.CborSerializable;
import java.time.Duration;

/**
 * The move of one slot to another group (a slot action, in Codis's words), and the only ways it
 * changes. Each transition returns the next move, or a refusal when the move is not in a state that
 * allows it; nothing changes in place. Every transition is journaled (see {@link DashboardEvent}):
 *
 * <pre>
 *   (planned)──▶ PENDING ──start──▶ PREPARING ──prepared──▶ MIGRATING ──commit──▶ COMMITTED  the slot is the target's
 *                   ▲                   │                       │
 *                   └──────failed───────┴───────────────────────┘  waits RETRY_AFTER in its place in line
 *   PENDING, PREPARING, MIGRATING ──cancel──▶ CANCELLED                            the slot stays the source's
 *   PENDING ──remove──▶ CANCELLED                                                  (a running move is cancelled)
 *
 *   journaled as: planned = actions-planned or rebalance-scheduled; start, prepared = action-advanced;
 *   failed = action-failed; commit = slot-migrated; cancel, remove = action-removed
 * </pre>
 *
 * <p>Moves start in {@code index} order: the index grows with every move the dashboard plans. The
 * source is the group that owned the slot when the move was planned; it owns it until the commit.
 * {@link SlotActions} keeps the moves that have not ended; an ended one is only a transition's answer.
 *
 * @param retryAt wall-clock millis before which a failed move does not start again; 0 when it may start at once
 */
public record SlotMove(int slot, long index, int source, int target, State state, long retryAt) implements CborSerializable {

    /** A failed move waits this long before it is tried again. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(3);

    public enum State {
        /** Queued; nothing has happened to the slot yet. */
        PENDING,
        /** Started: the source's entity sets up a session and the target clears its old copy of the slot. */
        PREPARING,
        /** The target takes batches: keys stream to it and writes are caught up, until the source is ready to commit. */
        MIGRATING,
        /** Ended with the cutover: the slot belongs to the target. */
        COMMITTED,
        /** Ended before cutover: the slot stays with the source. */
        CANCELLED;

        /**
         * Reads a journaled name. Journals written before this class also hold {@code PREPARED}, which
         * the old dashboard wrote just before {@code MIGRATING} for the same slot: it is read as migrating.
         */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static State named(String name) {
            return "PREPARED".equals(name) ? MIGRATING : valueOf(name);
        }

        /** Started and not ended: takes part in the limit on moves at once. */
        public boolean running() {
            return this == PREPARING || this == MIGRATING;
        }

        public boolean ended() {
            return this == COMMITTED || this == CANCELLED;
        }
    }

    public static SlotMove pending(int slot, long index, int source, int target) {
        return new SlotMove(slot, index, source, target, State.PENDING, 0);
    }

    /** Whether a pending move may start at {@code nowMillis}: it has not failed in the last {@link #RETRY_AFTER}. */
    public boolean due(long nowMillis) {
        return state == State.PENDING && retryAt <= nowMillis;
    }

    /** The group that owns the slot while this move is in this state: the target once committed, else the source. */
    public int owner() {
        return state == State.COMMITTED ? target : source;
    }

    public Outcome<SlotMove> start() {
        return step(state == State.PENDING, State.PREPARING, 0);
    }

    /** The target is ready for batches. */
    public Outcome<SlotMove> prepared() {
        return step(state == State.PREPARING, State.MIGRATING, 0);
    }

    /** The attempt ended without moving the slot: back in line, to start again at {@code failedAtMillis + RETRY_AFTER}. */
    public Outcome<SlotMove> failed(long failedAtMillis) {
        return step(state.running(), State.PENDING, failedAtMillis + RETRY_AFTER.toMillis());
    }

    /** Cutover: everything is on the target. */
    public Outcome<SlotMove> commit() {
        return step(state == State.MIGRATING, State.COMMITTED, 0);
    }

    /** Stops the move before cutover. */
    public Outcome<SlotMove> cancel() {
        if (state == State.COMMITTED) {
            return Outcome.refused(409, "slot " + slot + " is already handed over to group " + target
                    + "; move it back with a new action");
        }
        return step(!state.ended(), State.CANCELLED, 0);
    }

    /** Drops a move that has not started; a running one is cancelled instead. */
    public Outcome<SlotMove> remove() {
        if (state != State.PENDING) {
            return Outcome.refused(409, "the action of slot " + slot + " is " + state
                    + "; only a pending one can be removed, a running one is cancelled");
        }
        return Outcome.ok(to(State.CANCELLED, 0));
    }

    private Outcome<SlotMove> step(boolean allowed, State next, long nextRetryAt) {
        if (!allowed) {
            return Outcome.refused(409, "the action of slot " + slot + " cannot go from " + state + " to " + next);
        }
        return Outcome.ok(to(next, nextRetryAt));
    }

    private SlotMove to(State next, long nextRetryAt) {
        return new SlotMove(slot, index, source, target, next, nextRetryAt);
    }
}
