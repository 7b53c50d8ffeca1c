package io.pikko.dashboard;

/**
 * Where a slot action stands, with Codis's names. An action moves forward one state at a time;
 * a running one may also fall back to {@link #PENDING} when its attempt failed (the target went
 * away, say), keeping its place in the queue so it is tried again first.
 */
public enum ActionState {
    /** Queued; nothing has happened to the slot yet. */
    PENDING,
    /** Chosen to run: the dashboard is setting the move up on the source and the target. */
    PREPARING,
    /** Both ends are ready; the copy is about to begin. */
    PREPARED,
    /** Keys stream to the target and writes are caught up, until cutover. */
    MIGRATING,
    /** Cutover is recorded: the slot belongs to the target; only the source's cleanup is left. */
    FINISHED;

    /** Takes part in the limit on moves at once. */
    public boolean running() {
        return this == PREPARING || this == PREPARED || this == MIGRATING;
    }

    /** Before cutover the source still owns the slot, so stopping leaves it whole there. */
    public boolean beforeCutover() {
        return this != FINISHED;
    }

    public boolean canAdvanceTo(ActionState next) {
        return next.ordinal() == ordinal() + 1 || (next == PENDING && running());
    }
}
