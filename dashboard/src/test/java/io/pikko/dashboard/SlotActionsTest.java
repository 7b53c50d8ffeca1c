package io.pikko.dashboard;

import static io.pikko.dashboard.ActionState.FINISHED;
import static io.pikko.dashboard.ActionState.MIGRATING;
import static io.pikko.dashboard.ActionState.PENDING;
import static io.pikko.dashboard.ActionState.PREPARED;
import static io.pikko.dashboard.ActionState.PREPARING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The queue of slot actions: planning, removing, cancelling, advancing, and what may start. */
class SlotActionsTest {
    private static final SlotActions NONE = SlotActions.empty(ActionSettings.defaults());

    /** Groups 1 to 4 with a server, 5 without; slots 0-511 in 1, 512-767 in 2, 768-1000 in 3, the rest in none. */
    private static final Topology TOPOLOGY = Layout.create()
            .group(1).group(2).group(3).group(4).serverless(5)
            .slots(0, 511, 1).slots(512, 767, 2).slots(768, 1000, 3)
            .topology();

    @Test
    void planQueuesPendingActionsInSlotOrderWithGrowingIndexes() {
        SlotActions actions = NONE.plan(508, 515, 3, TOPOLOGY).orElseThrow();
        assertEquals(List.of(
                SlotAction.pending(508, 1, 1, 3), SlotAction.pending(509, 2, 1, 3),
                SlotAction.pending(510, 3, 1, 3), SlotAction.pending(511, 4, 1, 3),
                SlotAction.pending(512, 5, 2, 3), SlotAction.pending(513, 6, 2, 3),
                SlotAction.pending(514, 7, 2, 3), SlotAction.pending(515, 8, 2, 3)), actions.actions());
        assertEquals(9, actions.nextIndex());
        assertEquals(PENDING, actions.action(510).orElseThrow().state());
        assertTrue(actions.action(516).isEmpty());
    }

    @Test
    void planSkipsSlotsAlreadyInTheGroupAndTakesSlotsOfNoGroup() {
        SlotActions actions = NONE.plan(998, 1003, 3, TOPOLOGY).orElseThrow();
        assertEquals(List.of(SlotAction.pending(1001, 1, Topology.NO_GROUP, 3), SlotAction.pending(1002, 2, Topology.NO_GROUP, 3),
                SlotAction.pending(1003, 3, Topology.NO_GROUP, 3)), actions.actions());
        assertEquals(0, NONE.plan(0, 511, 1, TOPOLOGY).orElseThrow().actions().size());
    }

    @Test
    void planningTheSameMoveTwiceChangesNothing() {
        SlotActions once = NONE.plan(0, 9, 2, TOPOLOGY).orElseThrow();
        SlotActions twice = once.plan(0, 9, 2, TOPOLOGY).orElseThrow();
        assertEquals(once, twice);
        SlotActions wider = twice.plan(5, 14, 2, TOPOLOGY).orElseThrow();
        assertEquals(15, wider.actions().size());
        assertEquals(SlotAction.pending(14, 15, 1, 2), wider.action(14).orElseThrow());
        assertEquals(once.action(5), wider.action(5), "an existing action keeps its index");
    }

    @Test
    void planRefusesBadRangesAndGroupsThatCannotTakeSlots() {
        assertRefused(400, "0 <= from <= to <= 1023", NONE.plan(10, 9, 2, TOPOLOGY));
        assertRefused(400, "0 <= from <= to <= 1023", NONE.plan(-1, 9, 2, TOPOLOGY));
        assertRefused(400, "0 <= from <= to <= 1023", NONE.plan(1000, 1024, 2, TOPOLOGY));
        assertRefused(404, "no group 7", NONE.plan(0, 9, 7, TOPOLOGY));
        assertRefused(409, "group 5 has no servers", NONE.plan(0, 9, 5, TOPOLOGY));
    }

    @Test
    void planRefusesTheWholeRangeWhenASlotMovesElsewhere() {
        SlotActions actions = NONE.plan(5, 5, 4, TOPOLOGY).orElseThrow();
        assertRefused(409, "slot 5 already has an action, to group 4", actions.plan(0, 9, 2, TOPOLOGY));
        assertEquals(1, actions.actions().size());
    }

    @Test
    void onlyAPendingActionCanBeRemoved() {
        SlotActions actions = NONE.plan(0, 2, 2, TOPOLOGY).orElseThrow();
        SlotActions removed = actions.remove(1).orElseThrow();
        assertEquals(List.of(0, 2), slots(removed.actions()));
        assertEquals(actions.nextIndex(), removed.nextIndex(), "indexes are never reused");
        SlotActions running = actions.advance(0, PREPARING).orElseThrow();
        assertRefused(409, "PREPARING; only a pending one can be removed", running.remove(0));
        assertRefused(404, "slot 9 has no action", actions.remove(9));
        assertRefused(400, "not 1024", actions.remove(1024));
    }

    @Test
    void anyActionBeforeCutoverCanBeCancelledAndTheSlotStaysWithItsSource() {
        for (ActionState state : List.of(PENDING, PREPARING, PREPARED, MIGRATING)) {
            SlotActions actions = advancedTo(NONE.plan(0, 1, 2, TOPOLOGY).orElseThrow(), 0, state);
            SlotActions cancelled = actions.cancel(0).orElseThrow();
            assertTrue(cancelled.action(0).isEmpty(), state + " cancelled");
            assertEquals(List.of(1), slots(cancelled.actions()));
        }
        SlotActions handedOver = advancedTo(NONE.plan(0, 1, 2, TOPOLOGY).orElseThrow(), 0, FINISHED);
        assertRefused(409, "slot 0 is already handed over to group 2", handedOver.cancel(0));
        assertRefused(404, "slot 7 has no action", handedOver.cancel(7));
    }

    @Test
    void advanceFollowsTheLegalTransitionsOnly() {
        SlotActions actions = NONE.plan(0, 0, 2, TOPOLOGY).orElseThrow();
        assertRefused(409, "cannot go from PENDING to PREPARED", actions.advance(0, PREPARED));
        SlotActions migrating = advancedTo(actions, 0, MIGRATING);
        assertEquals(new SlotAction(0, 1, 1, 2, MIGRATING), migrating.action(0).orElseThrow());
        assertRefused(409, "cannot go from MIGRATING to PREPARING", migrating.advance(0, PREPARING));
        assertRefused(404, "slot 1 has no action", migrating.advance(1, PREPARING));
        SlotActions requeued = migrating.advance(0, PENDING).orElseThrow();
        assertEquals(SlotAction.pending(0, 1, 1, 2), requeued.action(0).orElseThrow());
    }

    @Test
    void finishDropsAMigratingOrFinishedActionOnly() {
        SlotActions actions = NONE.plan(0, 1, 2, TOPOLOGY).orElseThrow();
        assertTrue(advancedTo(actions, 0, MIGRATING).finish(0).orElseThrow().action(0).isEmpty());
        assertTrue(advancedTo(actions, 0, FINISHED).finish(0).orElseThrow().action(0).isEmpty());
        assertRefused(409, "is PENDING, not finishing", actions.finish(0));
        assertRefused(409, "is PREPARED, not finishing", advancedTo(actions, 0, PREPARED).finish(0));
        assertRefused(404, "slot 2 has no action", actions.finish(2));
    }

    @Test
    void withParallelOneAPairMovesOneSlotAtATimeInIndexOrder() {
        SlotActions actions = NONE.plan(0, 3, 2, TOPOLOGY).orElseThrow();
        assertEquals(List.of(0), slots(actions.startable(TOPOLOGY)));
        SlotActions first = actions.advance(0, PREPARING).orElseThrow();
        assertEquals(List.of(), first.startable(TOPOLOGY));
        SlotActions handedOver = advancedTo(first, 0, FINISHED);
        assertEquals(List.of(1), slots(handedOver.startable(TOPOLOGY)), "a finished action no longer holds its pair");
        assertEquals(List.of(1), slots(handedOver.finish(0).orElseThrow().startable(TOPOLOGY)));
    }

    @Test
    void withParallelTwoAPairMovesTwoSlotsAtOnce() {
        SlotActions actions = NONE.plan(0, 3, 2, TOPOLOGY).orElseThrow()
                .withSettings(new ActionSettings(false, 2, 0, 0)).orElseThrow();
        assertEquals(List.of(0, 1), slots(actions.startable(TOPOLOGY)));
        SlotActions oneRunning = advancedTo(actions, 0, MIGRATING);
        assertEquals(List.of(1), slots(oneRunning.startable(TOPOLOGY)));
        assertEquals(List.of(), advancedTo(oneRunning, 1, PREPARING).startable(TOPOLOGY));
    }

    @Test
    void pairsMoveSideBySideAndAHeldBackActionDoesNotHoldBackOtherPairs() {
        SlotActions actions = NONE
                .plan(0, 1, 2, TOPOLOGY).orElseThrow()        // 1 -> 2: indexes 1, 2
                .plan(768, 769, 4, TOPOLOGY).orElseThrow()    // 3 -> 4: indexes 3, 4
                .plan(512, 513, 1, TOPOLOGY).orElseThrow()    // 2 -> 1, the same pair as 1 -> 2: 5, 6
                .plan(2, 2, 3, TOPOLOGY).orElseThrow()        // 1 -> 3: 7
                .plan(514, 514, 3, TOPOLOGY).orElseThrow();   // 2 -> 3: 8
        assertEquals(List.of(0, 768, 2, 514), slots(actions.startable(TOPOLOGY)));
        SlotActions running = advancedTo(advancedTo(actions, 0, PREPARING), 768, MIGRATING);
        assertEquals(List.of(2, 514), slots(running.startable(TOPOLOGY)));
        SlotActions requeued = running.advance(0, PENDING).orElseThrow();
        assertEquals(List.of(0, 2, 514), slots(requeued.startable(TOPOLOGY)), "back in the queue at its own place");
    }

    @Test
    void nothingStartsWhileDisabledButRunningActionsStayInFlight() {
        SlotActions actions = advancedTo(NONE.plan(0, 3, 2, TOPOLOGY).orElseThrow(), 0, PREPARED);
        SlotActions paused = actions.withSettings(new ActionSettings(true, 5, 0, 0)).orElseThrow();
        assertEquals(List.of(), paused.startable(TOPOLOGY));
        assertEquals(List.of(0), slots(paused.inFlight()));
        SlotActions resumed = paused.withSettings(new ActionSettings(false, 5, 0, 0)).orElseThrow();
        assertEquals(List.of(1, 2, 3), slots(resumed.startable(TOPOLOGY)));
    }

    @Test
    void anActionWaitsWhileAnEndHasNoMaster() {
        SlotActions actions = NONE.plan(0, 0, 2, TOPOLOGY).orElseThrow()
                .plan(768, 768, 4, TOPOLOGY).orElseThrow()
                .plan(1020, 1020, 4, TOPOLOGY).orElseThrow();
        Topology targetLost = TOPOLOGY.withGroup(Group.empty(2));
        assertEquals(List.of(768, 1020), slots(actions.startable(targetLost)), "slot 0 waits; a slot of no group needs no source");
        Topology sourceLost = TOPOLOGY.withGroup(Group.empty(3));
        assertEquals(List.of(0, 1020), slots(actions.startable(sourceLost)));
    }

    @Test
    void inFlightIsEveryStartedActionInIndexOrder() {
        SlotActions actions = NONE.plan(0, 4, 2, TOPOLOGY).orElseThrow();
        SlotActions started = advancedTo(advancedTo(advancedTo(actions, 3, FINISHED), 1, PREPARING), 2, MIGRATING);
        assertEquals(List.of(1, 2, 3), slots(started.inFlight()));
        assertEquals(List.of(PREPARING, MIGRATING, FINISHED), started.inFlight().stream().map(SlotAction::state).toList());
        assertEquals(List.of(), actions.inFlight());
    }

    @Test
    void scheduleQueuesARebalancePlanInItsOrder() {
        RebalancePlan plan = new RebalancePlan(List.of(
                new RebalancePlan.Move(700, 2, 4), new RebalancePlan.Move(1010, Topology.NO_GROUP, 4)), Map.of(4, 2));
        SlotActions before = NONE.plan(0, 0, 3, TOPOLOGY).orElseThrow();
        SlotActions actions = before.schedule(plan, TOPOLOGY).orElseThrow();
        assertEquals(List.of(SlotAction.pending(0, 1, 1, 3), SlotAction.pending(700, 2, 2, 4),
                SlotAction.pending(1010, 3, Topology.NO_GROUP, 4)), actions.actions());
        assertEquals(4, actions.nextIndex());
    }

    @Test
    void scheduleRefusesAStalePlan() {
        SlotActions before = NONE.plan(0, 0, 3, TOPOLOGY).orElseThrow();
        assertRefused(409, "slot 0 already has an action", before.schedule(
                new RebalancePlan(List.of(new RebalancePlan.Move(0, 1, 2)), Map.of()), TOPOLOGY));
        assertRefused(409, "slot 5 is in group 1, not 2", before.schedule(
                new RebalancePlan(List.of(new RebalancePlan.Move(5, 2, 3)), Map.of()), TOPOLOGY));
        assertRefused(409, "group 5 has no servers", before.schedule(
                new RebalancePlan(List.of(new RebalancePlan.Move(5, 1, 5)), Map.of()), TOPOLOGY));
    }

    @Test
    void aRefusalIsAnErrorOnlyWhereAChangeWasAlreadyChecked() {
        Outcome<SlotActions> refused = NONE.remove(3);
        IllegalStateException thrown = assertThrows(IllegalStateException.class, refused::orElseThrow);
        assertEquals("404: slot 3 has no action", thrown.getMessage());
        assertSame(NONE, Outcome.ok(NONE).orElseThrow());
    }

    /** Takes the action of a slot through each state up to {@code state}. */
    private static SlotActions advancedTo(SlotActions actions, int slot, ActionState state) {
        SlotActions result = actions;
        for (ActionState next : ActionState.values()) {
            if (next.ordinal() > result.action(slot).orElseThrow().state().ordinal() && next.ordinal() <= state.ordinal()) {
                result = result.advance(slot, next).orElseThrow();
            }
        }
        return result;
    }

    private static List<Integer> slots(List<SlotAction> actions) {
        return actions.stream().map(SlotAction::slot).toList();
    }

    private static void assertRefused(int status, String says, Outcome<?> outcome) {
        Outcome.Refused<?> refused = assertInstanceOf(Outcome.Refused.class, outcome);
        assertEquals(status, refused.status(), refused.message());
        assertTrue(refused.message().contains(says), refused.message());
    }
}
