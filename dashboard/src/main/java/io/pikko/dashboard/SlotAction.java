package io.pikko.dashboard;

import io.pikko.protocol.CborSerializable;

/**
 * The move of one slot to another group. Actions start in {@code index} order: the index grows
 * with every action the dashboard creates. The source is the group that owned the slot when the
 * action was created; it keeps owning it until cutover, and after cutover (state
 * {@link ActionState#FINISHED}) it is still needed to delete the slot's data there.
 */
public record SlotAction(int slot, long index, int source, int target, ActionState state) implements CborSerializable {

    public static SlotAction pending(int slot, long index, int source, int target) {
        return new SlotAction(slot, index, source, target, ActionState.PENDING);
    }

    public Outcome<SlotAction> advanceTo(ActionState next) {
        if (!state.canAdvanceTo(next)) {
            return Outcome.refused(409, "the action of slot " + slot + " cannot go from " + state + " to " + next);
        }
        return Outcome.ok(new SlotAction(slot, index, source, target, next));
    }

    /** Only an action that has not started may simply be dropped. */
    public boolean removable() {
        return state == ActionState.PENDING;
    }

    public boolean cancellable() {
        return state.beforeCutover();
    }
}
