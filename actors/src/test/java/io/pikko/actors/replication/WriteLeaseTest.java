package io.pikko.actors.replication;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.protocol.SlotHash;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The write lease a master holds from the sentinel's probes runs from when the sentinel sent the
 * probe: a probe that waited in a queue (a frozen process, a long pause) renews nothing.
 */
class WriteLeaseTest {
    private static final int SLOT = 7;
    private ReplicationBoard board;

    @BeforeEach
    void aMasterOfAGroupWithReplicas() {
        board = new ReplicationBoard(() -> 0);
        boolean[] leased = new boolean[SlotHash.SLOTS];
        leased[SLOT] = true;
        board.topology(new long[SlotHash.SLOTS], leased, new int[SlotHash.SLOTS]);
    }

    @Test
    void withoutAProbeASlotOfAGroupWithReplicasTakesNoWrite() {
        assertTrue(board.fenced(SLOT));
        assertFalse(board.fenced(SLOT + 1), "a slot of a group of one needs no lease");
    }

    @Test
    void aFreshProbeLetsTheMasterWriteUntilTheLeaseRunsOut() throws InterruptedException {
        board.leased(System.currentTimeMillis(), 200);
        assertFalse(board.fenced(SLOT));
        Thread.sleep(300);
        assertTrue(board.fenced(SLOT));
    }

    @Test
    void aProbeThatQueuedLongerThanTheLeaseRenewsNothing() {
        board.leased(System.currentTimeMillis() - 5_000, 1_000);
        assertTrue(board.fenced(SLOT), "sent 5 s ago with a 1 s lease: stale on arrival");
    }

    @Test
    void aProbeThatQueuedAWhileLendsOnlyWhatIsLeftOfItsLease() throws InterruptedException {
        board.leased(System.currentTimeMillis() - 800, 1_000);
        assertFalse(board.fenced(SLOT));
        Thread.sleep(400);
        assertTrue(board.fenced(SLOT), "the lease ran out 1 s after the sending, not after the arrival");
    }

    @Test
    void anOlderProbeArrivingLateDoesNotShortenANewerLease() throws InterruptedException {
        board.leased(System.currentTimeMillis(), 1_000);
        board.leased(System.currentTimeMillis() - 900, 1_000);
        Thread.sleep(300);
        assertFalse(board.fenced(SLOT));
    }
}
