package io.pikko.dashboard;

import static io.pikko.dashboard.ActionState.FINISHED;
import static io.pikko.dashboard.ActionState.MIGRATING;
import static io.pikko.dashboard.ActionState.PENDING;
import static io.pikko.dashboard.ActionState.PREPARED;
import static io.pikko.dashboard.ActionState.PREPARING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One slot action's states: Codis's order, one step at a time, and a way back to the queue before cutover. */
class SlotActionStateTest {

    private static final Map<ActionState, Set<ActionState>> LEGAL = Map.of(
            PENDING, EnumSet.of(PREPARING),
            PREPARING, EnumSet.of(PREPARED, PENDING),
            PREPARED, EnumSet.of(MIGRATING, PENDING),
            MIGRATING, EnumSet.of(FINISHED, PENDING),
            FINISHED, EnumSet.noneOf(ActionState.class));

    @Test
    void exactlyTheLegalTransitionsAreAllowed() {
        for (ActionState from : ActionState.values()) {
            for (ActionState to : ActionState.values()) {
                assertEquals(LEGAL.get(from).contains(to), from.canAdvanceTo(to), from + " -> " + to);
            }
        }
    }

    @Test
    void anAdvancedActionKeepsItsSlotIndexAndGroups() {
        SlotAction pending = SlotAction.pending(17, 5, 1, 2);
        SlotAction preparing = pending.advanceTo(PREPARING).orElseThrow();
        assertEquals(new SlotAction(17, 5, 1, 2, PREPARING), preparing);
        assertEquals(new SlotAction(17, 5, 1, 2, PENDING), preparing.advanceTo(PENDING).orElseThrow());
        assertEquals(PENDING, pending.state(), "immutable");
    }

    @Test
    void anIllegalTransitionIsRefusedWithAConflict() {
        Outcome.Refused<SlotAction> refused = assertInstanceOf(Outcome.Refused.class,
                SlotAction.pending(17, 5, 1, 2).advanceTo(MIGRATING));
        assertEquals(409, refused.status());
        assertTrue(refused.message().contains("slot 17") && refused.message().contains("PENDING to MIGRATING"), refused.message());
        assertInstanceOf(Outcome.Refused.class, new SlotAction(3, 1, 1, 2, FINISHED).advanceTo(PENDING));
    }

    @Test
    void onlyAPendingActionIsRemovableAndAnyBeforeCutoverIsCancellable() {
        for (ActionState state : ActionState.values()) {
            SlotAction action = new SlotAction(0, 1, 1, 2, state);
            assertEquals(state == PENDING, action.removable(), state + " removable");
            assertEquals(state != FINISHED, action.cancellable(), state + " cancellable");
        }
    }

    @Test
    void runningStatesAreTheStartedOnesBeforeCutover() {
        assertEquals(EnumSet.of(PREPARING, PREPARED, MIGRATING),
                EnumSet.copyOf(Arrays.stream(ActionState.values()).filter(ActionState::running).toList()));
        assertFalse(FINISHED.beforeCutover());
    }
}
