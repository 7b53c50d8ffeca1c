package io.pikko.dashboard;

import static io.pikko.dashboard.SlotMove.State.CANCELLED;
import static io.pikko.dashboard.SlotMove.State.COMMITTED;
import static io.pikko.dashboard.SlotMove.State.MIGRATING;
import static io.pikko.dashboard.SlotMove.State.PENDING;
import static io.pikko.dashboard.SlotMove.State.PREPARING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** One slot move as a pure value: exactly its journaled transitions, each returning the next move or a refusal. */
class SlotMoveTest {
    private static final long NOW = 1_700_000_000_000L;

    /** Every transition by name, as the dashboard calls it. */
    private static final Map<String, Function<SlotMove, Outcome<SlotMove>>> TRANSITIONS = new LinkedHashMap<>();

    static {
        TRANSITIONS.put("start", SlotMove::start);
        TRANSITIONS.put("prepared", SlotMove::prepared);
        TRANSITIONS.put("failed", move -> move.failed(NOW));
        TRANSITIONS.put("commit", SlotMove::commit);
        TRANSITIONS.put("cancel", SlotMove::cancel);
        TRANSITIONS.put("remove", SlotMove::remove);
    }

    /** From each state, the transitions it allows and where each leads. */
    private static final Map<SlotMove.State, Map<String, SlotMove.State>> LEGAL = Map.of(
            PENDING, Map.of("start", PREPARING, "cancel", CANCELLED, "remove", CANCELLED),
            PREPARING, Map.of("prepared", MIGRATING, "failed", PENDING, "cancel", CANCELLED),
            MIGRATING, Map.of("commit", COMMITTED, "failed", PENDING, "cancel", CANCELLED),
            COMMITTED, Map.of(),
            CANCELLED, Map.of());

    @Test
    void exactlyTheLegalTransitionsAreAllowedAndEachLeadsWhereItSays() {
        for (SlotMove.State from : SlotMove.State.values()) {
            SlotMove move = new SlotMove(17, 5, 1, 2, from, 0);
            for (Map.Entry<String, Function<SlotMove, Outcome<SlotMove>>> transition : TRANSITIONS.entrySet()) {
                Outcome<SlotMove> outcome = transition.getValue().apply(move);
                SlotMove.State to = LEGAL.get(from).get(transition.getKey());
                if (to == null) {
                    Outcome.Refused<SlotMove> refused = assertInstanceOf(Outcome.Refused.class, outcome, from + " " + transition.getKey());
                    assertEquals(409, refused.status(), refused.message());
                    assertTrue(refused.message().contains("slot 17"), refused.message());
                } else {
                    assertEquals(to, outcome.orElseThrow().state(), from + " " + transition.getKey());
                }
            }
        }
    }

    @Test
    void aMoveGoesThroughItsStatesKeepingItsSlotIndexAndGroups() {
        SlotMove pending = SlotMove.pending(17, 5, 1, 2);
        SlotMove preparing = pending.start().orElseThrow();
        assertEquals(new SlotMove(17, 5, 1, 2, PREPARING, 0), preparing);
        SlotMove migrating = preparing.prepared().orElseThrow();
        assertEquals(new SlotMove(17, 5, 1, 2, MIGRATING, 0), migrating);
        assertEquals(new SlotMove(17, 5, 1, 2, COMMITTED, 0), migrating.commit().orElseThrow());
        assertEquals(PENDING, pending.state(), "immutable");
    }

    @Test
    void anIllegalTransitionIsRefusedWithAConflictNamingBothStates() {
        Outcome.Refused<SlotMove> refused = assertInstanceOf(Outcome.Refused.class, SlotMove.pending(17, 5, 1, 2).commit());
        assertEquals(409, refused.status());
        assertTrue(refused.message().contains("slot 17") && refused.message().contains("PENDING to COMMITTED"), refused.message());
        assertInstanceOf(Outcome.Refused.class, new SlotMove(3, 1, 1, 2, COMMITTED, 0).failed(NOW));
        assertInstanceOf(Outcome.Refused.class, SlotMove.pending(3, 1, 1, 2).start().orElseThrow().commit(),
                "a commit comes after the target was prepared");
    }

    @Test
    void aFailedMoveIsBackInLineUntilItsRetryTime() {
        SlotMove migrating = new SlotMove(9, 4, 1, 2, MIGRATING, 0);
        SlotMove failed = migrating.failed(NOW).orElseThrow();
        assertEquals(new SlotMove(9, 4, 1, 2, PENDING, NOW + SlotMove.RETRY_AFTER.toMillis()), failed);
        assertFalse(failed.due(NOW));
        assertFalse(failed.due(NOW + SlotMove.RETRY_AFTER.toMillis() - 1));
        assertTrue(failed.due(NOW + SlotMove.RETRY_AFTER.toMillis()));
        assertEquals(PENDING, new SlotMove(9, 4, 1, 2, PREPARING, 0).failed(NOW).orElseThrow().state(), "preparing fails too");
        SlotMove restarted = failed.start().orElseThrow();
        assertEquals(0, restarted.retryAt(), "a started move has no retry time");
        assertTrue(SlotMove.pending(9, 4, 1, 2).due(0), "a new move may start at once");
        assertFalse(restarted.due(NOW + 10_000), "only a pending move is due");
    }

    @Test
    void cancelBeforeCutoverLeavesTheSlotWithItsSourceAndAfterCutoverIsRefused() {
        for (SlotMove.State state : EnumSet.of(PENDING, PREPARING, MIGRATING)) {
            SlotMove cancelled = new SlotMove(0, 1, 1, 2, state, 0).cancel().orElseThrow();
            assertEquals(CANCELLED, cancelled.state());
            assertEquals(1, cancelled.owner(), state + " cancelled: the source keeps the slot");
            assertEquals(1, new SlotMove(0, 1, 1, 2, state, 0).owner(), state + ": the source owns the slot");
        }
        SlotMove committed = new SlotMove(0, 1, 1, 2, MIGRATING, 0).commit().orElseThrow();
        assertEquals(2, committed.owner(), "committed: the target owns the slot");
        Outcome.Refused<SlotMove> refused = assertInstanceOf(Outcome.Refused.class, committed.cancel());
        assertEquals(409, refused.status());
        assertTrue(refused.message().contains("slot 0 is already handed over to group 2"), refused.message());
    }

    @Test
    void onlyAPendingMoveIsRemovableAndAnyBeforeCutoverIsCancellable() {
        for (SlotMove.State state : SlotMove.State.values()) {
            SlotMove move = new SlotMove(0, 1, 1, 2, state, 0);
            assertEquals(state == PENDING, move.remove() instanceof Outcome.Ok, state + " removable");
            assertEquals(!state.ended(), move.cancel() instanceof Outcome.Ok, state + " cancellable");
        }
        Outcome.Refused<SlotMove> refused = assertInstanceOf(Outcome.Refused.class, new SlotMove(0, 1, 1, 2, PREPARING, 0).remove());
        assertTrue(refused.message().contains("PREPARING; only a pending one can be removed"), refused.message());
    }

    @Test
    void runningStatesAreTheStartedOnesBeforeCutover() {
        assertEquals(EnumSet.of(PREPARING, MIGRATING),
                EnumSet.copyOf(Arrays.stream(SlotMove.State.values()).filter(SlotMove.State::running).toList()));
        assertEquals(Set.of(COMMITTED, CANCELLED),
                Set.copyOf(Arrays.stream(SlotMove.State.values()).filter(SlotMove.State::ended).toList()));
    }

    @Test
    void theOldDashboardsPreparedIsReadAsMigrating() {
        assertEquals(MIGRATING, SlotMove.State.named("PREPARED"));
        for (SlotMove.State state : SlotMove.State.values()) {
            assertEquals(state, SlotMove.State.named(state.name()));
        }
    }
}
