package io.pikko.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.testing.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A slot refuses writes while it is reassigned (for a while) or in a move's cutover (until it ends). */
class SlotSealTest {
    private final ManualClock clock = new ManualClock(1_000_000);
    private final SlotSeal seal = new SlotSeal(clock);

    @Test
    void anUnsealedSlotTakesWrites() {
        assertFalse(seal.refusesWrites());
        assertFalse(seal.inCutover());
    }

    @Test
    void aReassignmentSealLapsesAfterItsTime() {
        seal.sealForReassignment(500);
        assertTrue(seal.refusesWrites());
        clock.advance(Duration.ofMillis(499));
        assertTrue(seal.refusesWrites());
        clock.advance(Duration.ofMillis(1));
        assertFalse(seal.refusesWrites());
    }

    @Test
    void aReassignmentThatDidNotHappenUnsealsAtOnce() {
        seal.sealForReassignment(60_000);
        seal.endReassignment();
        assertFalse(seal.refusesWrites());
    }

    @Test
    void aCutoverHoldsUntilItEndsAndCountsItsPause() {
        seal.sealForCutover();
        clock.advance(Duration.ofMillis(300));
        seal.sealForCutover();
        clock.advance(Duration.ofDays(1));
        assertTrue(seal.refusesWrites());
        assertTrue(seal.inCutover());
        assertEquals(Duration.ofDays(1).toMillis() + 300, seal.cutoverMillis(), "sealing again keeps the first moment");
        seal.endCutover();
        assertFalse(seal.refusesWrites());
        assertEquals(0, seal.cutoverMillis());
    }

    @Test
    void theTwoReasonsAreIndependent() {
        seal.sealForReassignment(100);
        seal.sealForCutover();
        seal.endReassignment();
        assertTrue(seal.refusesWrites(), "the cutover still holds");
        seal.endCutover();
        seal.sealForReassignment(100);
        assertTrue(seal.refusesWrites(), "the reassignment still holds");
    }
}
