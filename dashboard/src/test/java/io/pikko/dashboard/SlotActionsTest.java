package io.pikko.dashboard;

import static io.pikko.dashboard.SlotMove.State.MIGRATING;
import static io.pikko.dashboard.SlotMove.State.PENDING;
import static io.pikko.dashboard.SlotMove.State.PREPARING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The queue of slot actions: planning, removing, cancelling, moving on, and what may start when. */
class SlotActionsTest {
    private static final SlotActions NONE = SlotActions.empty(ActionSettings.defaults());
    private static final long NOW = 1_700_000_000_000L;

    /** Groups 1 to 4 with a server, 5 without; slots 0-511 in 1, 512-767 in 2, 768-1000 in 3, the rest in none. */
    private static final Topology TOPOLOGY = Layout.create()
            .group(1).group(2).group(3).group(4).serverless(5)
            .slots(0, 511, 1).slots(512, 767, 2).slots(768, 1000, 3)
            .topology();

    @Test
    void planQueuesPendingActionsInSlotOrderWithGrowingIndexes() {
        SlotActions actions = NONE.plan(508, 515, 3, TOPOLOGY).orElseThrow();
        assertEquals(List.of(
                SlotMove.pending(508, 1, 1, 3), SlotMove.pending(509, 2, 1, 3),
                SlotMove.pending(510, 3, 1, 3), SlotMove.pending(511, 4, 1, 3),
                SlotMove.pending(512, 5, 2, 3), SlotMove.pending(513, 6, 2, 3),
                SlotMove.pending(514, 7, 2, 3), SlotMove.pending(515, 8, 2, 3)), actions.actions());
        assertEquals(9, actions.nextIndex());
        assertEquals(PENDING, actions.action(510).orElseThrow().state());
        assertTrue(actions.action(516).isEmpty());
    }

    @Test
    void planSkipsSlotsAlreadyInTheGroupAndTakesSlotsOfNoGroup() {
        SlotActions actions = NONE.plan(998, 1003, 3, TOPOLOGY).orElseThrow();
        assertEquals(List.of(SlotMove.pending(1001, 1, Topology.NO_GROUP, 3), SlotMove.pending(1002, 2, Topology.NO_GROUP, 3),
                SlotMove.pending(1003, 3, Topology.NO_GROUP, 3)), actions.actions());
        assertEquals(0, NONE.plan(0, 511, 1, TOPOLOGY).orElseThrow().actions().size());
    }

    @Test
    void planningTheSameMoveTwiceChangesNothing() {
        SlotActions once = NONE.plan(0, 9, 2, TOPOLOGY).orElseThrow();
        SlotActions twice = once.plan(0, 9, 2, TOPOLOGY).orElseThrow();
        assertEquals(once, twice);
        SlotActions wider = twice.plan(5, 14, 2, TOPOLOGY).orElseThrow();
        assertEquals(15, wider.actions().size());
        assertEquals(SlotMove.pending(14, 15, 1, 2), wider.action(14).orElseThrow());
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
        SlotActions running = actions.start(0).orElseThrow();
        assertRefused(409, "PREPARING; only a pending one can be removed", running.remove(0));
        assertRefused(404, "slot 9 has no action", actions.remove(9));
        assertRefused(400, "not 1024", actions.remove(1024));
    }

    @Test
    void anyActionBeforeCutoverCanBeCancelledAndTheSlotStaysWithItsSource() {
        for (SlotMove.State state : List.of(PENDING, PREPARING, MIGRATING)) {
            SlotActions actions = advancedTo(NONE.plan(0, 1, 2, TOPOLOGY).orElseThrow(), 0, state);
            SlotActions cancelled = actions.cancel(0).orElseThrow();
            assertTrue(cancelled.action(0).isEmpty(), state + " cancelled");
            assertEquals(List.of(1), slots(cancelled.actions()));
        }
        // After cutover the action is gone (SlotMoveTest: a committed move refuses to be cancelled).
        SlotActions handedOver = advancedTo(NONE.plan(0, 1, 2, TOPOLOGY).orElseThrow(), 0, MIGRATING).commit(0).orElseThrow();
        assertRefused(404, "slot 0 has no action", handedOver.cancel(0));
        assertRefused(404, "slot 7 has no action", handedOver.cancel(7));
    }

    @Test
    void anActionFollowsTheLegalTransitionsOnly() {
        SlotActions actions = NONE.plan(0, 0, 2, TOPOLOGY).orElseThrow();
        assertRefused(409, "cannot go from PENDING to MIGRATING", actions.prepared(0));
        SlotActions migrating = advancedTo(actions, 0, MIGRATING);
        assertEquals(new SlotMove(0, 1, 1, 2, MIGRATING, 0), migrating.action(0).orElseThrow());
        assertRefused(409, "cannot go from MIGRATING to PREPARING", migrating.start(0));
        assertRefused(404, "slot 1 has no action", migrating.start(1));
        SlotActions requeued = migrating.failed(0, NOW).orElseThrow();
        assertEquals(new SlotMove(0, 1, 1, 2, PENDING, NOW + SlotMove.RETRY_AFTER.toMillis()), requeued.action(0).orElseThrow());
    }

    @Test
    void commitDropsAMigratingActionOnly() {
        SlotActions actions = NONE.plan(0, 1, 2, TOPOLOGY).orElseThrow();
        assertTrue(advancedTo(actions, 0, MIGRATING).commit(0).orElseThrow().action(0).isEmpty());
        assertRefused(409, "cannot go from PENDING to COMMITTED", actions.commit(0));
        assertRefused(409, "cannot go from PREPARING to COMMITTED", advancedTo(actions, 0, PREPARING).commit(0));
        assertRefused(404, "slot 2 has no action", actions.commit(2));
    }

    @Test
    void withParallelOneAPairMovesOneSlotAtATimeInIndexOrder() {
        SlotActions actions = NONE.plan(0, 3, 2, TOPOLOGY).orElseThrow();
        assertEquals(List.of(0), slots(actions.startable(TOPOLOGY, NOW)));
        SlotActions first = actions.start(0).orElseThrow();
        assertEquals(List.of(), first.startable(TOPOLOGY, NOW));
        SlotActions handedOver = first.prepared(0).orElseThrow().commit(0).orElseThrow();
        assertEquals(List.of(1), slots(handedOver.startable(TOPOLOGY, NOW)), "a committed action no longer holds its pair");
    }

    @Test
    void withParallelTwoAPairMovesTwoSlotsAtOnce() {
        SlotActions actions = NONE.plan(0, 3, 2, TOPOLOGY).orElseThrow()
                .withSettings(new ActionSettings(false, 2, 0, 0)).orElseThrow();
        assertEquals(List.of(0, 1), slots(actions.startable(TOPOLOGY, NOW)));
        SlotActions oneRunning = advancedTo(actions, 0, MIGRATING);
        assertEquals(List.of(1), slots(oneRunning.startable(TOPOLOGY, NOW)));
        assertEquals(List.of(), advancedTo(oneRunning, 1, PREPARING).startable(TOPOLOGY, NOW));
    }

    @Test
    void pairsMoveSideBySideAndAHeldBackActionDoesNotHoldBackOtherPairs() {
        SlotActions actions = NONE
                .plan(0, 1, 2, TOPOLOGY).orElseThrow()        // 1 -> 2: indexes 1, 2
                .plan(768, 769, 4, TOPOLOGY).orElseThrow()    // 3 -> 4: indexes 3, 4
                .plan(512, 513, 1, TOPOLOGY).orElseThrow()    // 2 -> 1, the same pair as 1 -> 2: 5, 6
                .plan(2, 2, 3, TOPOLOGY).orElseThrow()        // 1 -> 3: 7
                .plan(514, 514, 3, TOPOLOGY).orElseThrow();   // 2 -> 3: 8
        assertEquals(List.of(0, 768, 2, 514), slots(actions.startable(TOPOLOGY, NOW)));
        SlotActions running = advancedTo(advancedTo(actions, 0, PREPARING), 768, MIGRATING);
        assertEquals(List.of(2, 514), slots(running.startable(TOPOLOGY, NOW)));
        SlotActions requeued = running.failed(0, NOW).orElseThrow();
        assertEquals(List.of(2, 514), slots(requeued.startable(TOPOLOGY, NOW)),
                "until its retry time a failed action waits, and holds back the rest of its pair");
        long retry = NOW + SlotMove.RETRY_AFTER.toMillis();
        assertEquals(List.of(0, 2, 514), slots(requeued.startable(TOPOLOGY, retry)), "back in the queue at its own place");
    }

    @Test
    void nothingStartsWhileDisabledButRunningActionsStayInFlight() {
        SlotActions actions = advancedTo(NONE.plan(0, 3, 2, TOPOLOGY).orElseThrow(), 0, MIGRATING);
        SlotActions paused = actions.withSettings(new ActionSettings(true, 5, 0, 0)).orElseThrow();
        assertEquals(List.of(), paused.startable(TOPOLOGY, NOW));
        assertEquals(List.of(0), slots(paused.running()));
        SlotActions resumed = paused.withSettings(new ActionSettings(false, 5, 0, 0)).orElseThrow();
        assertEquals(List.of(1, 2, 3), slots(resumed.startable(TOPOLOGY, NOW)));
    }

    @Test
    void anActionWaitsWhileAnEndHasNoMaster() {
        SlotActions actions = NONE.plan(0, 0, 2, TOPOLOGY).orElseThrow()
                .plan(768, 768, 4, TOPOLOGY).orElseThrow()
                .plan(1020, 1020, 4, TOPOLOGY).orElseThrow();
        Topology targetLost = TOPOLOGY.withGroup(Group.empty(2));
        assertEquals(List.of(768, 1020), slots(actions.startable(targetLost, NOW)), "slot 0 waits; a slot of no group needs no source");
        Topology sourceLost = TOPOLOGY.withGroup(Group.empty(3));
        assertEquals(List.of(0, 1020), slots(actions.startable(sourceLost, NOW)));
    }

    @Test
    void runningIsEveryStartedActionInIndexOrder() {
        SlotActions actions = NONE.plan(0, 4, 2, TOPOLOGY).orElseThrow();
        SlotActions committed = advancedTo(actions, 4, MIGRATING).commit(4).orElseThrow();
        SlotActions started = advancedTo(advancedTo(advancedTo(committed, 3, MIGRATING), 1, PREPARING), 2, MIGRATING);
        assertEquals(List.of(1, 2, 3), slots(started.running()));
        assertEquals(List.of(PREPARING, MIGRATING, MIGRATING), started.running().stream().map(SlotMove::state).toList());
        assertEquals(List.of(), actions.running());
    }

    @Test
    void scheduleQueuesARebalancePlanInItsOrder() {
        RebalancePlan plan = new RebalancePlan(List.of(
                new RebalancePlan.Move(700, 2, 4), new RebalancePlan.Move(1010, Topology.NO_GROUP, 4)), Map.of(4, 2));
        SlotActions before = NONE.plan(0, 0, 3, TOPOLOGY).orElseThrow();
        SlotActions actions = before.schedule(plan, TOPOLOGY).orElseThrow();
        assertEquals(List.of(SlotMove.pending(0, 1, 1, 3), SlotMove.pending(700, 2, 2, 4),
                SlotMove.pending(1010, 3, Topology.NO_GROUP, 4)), actions.actions());
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

    /** Takes the pending action of a slot through each state up to {@code state}. */
    private static SlotActions advancedTo(SlotActions actions, int slot, SlotMove.State state) {
        SlotActions result = actions;
        if (state == PREPARING || state == MIGRATING) {
            result = result.start(slot).orElseThrow();
        }
        if (state == MIGRATING) {
            result = result.prepared(slot).orElseThrow();
        }
        return result;
    }

    private static List<Integer> slots(List<SlotMove> actions) {
        return actions.stream().map(SlotMove::slot).toList();
    }

    private static void assertRefused(int status, String says, Outcome<?> outcome) {
        Outcome.Refused<?> refused = assertInstanceOf(Outcome.Refused.class, outcome);
        assertEquals(status, refused.status(), refused.message());
        assertTrue(refused.message().contains(says), refused.message());
    }
}
