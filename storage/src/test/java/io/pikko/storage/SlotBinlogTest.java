package io.pikko.storage;

import static io.pikko.storage.SlotFixtures.collection;
import static io.pikko.storage.SlotFixtures.contents;
import static io.pikko.storage.SlotFixtures.keyIn;
import static io.pikko.storage.SlotFixtures.list;
import static io.pikko.storage.SlotFixtures.string;
import static io.pikko.storage.TestStores.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every write of a slot is in its binlog, and a second store that replays the log holds the same keys. */
class SlotBinlogTest {
    private static final int SLOT = 77;
    private static final int DATABASES = 16;
    private static final long NOW = 1_700_000_000_000L;

    @TempDir
    Path masterDir;
    @TempDir
    Path replicaDir;
    private PikkoStore masterStore;
    private PikkoStore replicaStore;
    private SlotKeyspace master;
    private SlotKeyspace replica;

    @BeforeEach
    void open() {
        masterStore = TestStores.open(masterDir);
        replicaStore = TestStores.open(replicaDir);
        master = new SlotKeyspace(masterStore, SLOT, DATABASES);
        replica = SlotKeyspace.replica(replicaStore, SLOT, DATABASES);
    }

    @AfterEach
    void close() {
        masterStore.close();
        replicaStore.close();
    }

    private void writeSome(int from, int to) {
        for (int i = from; i < to; i++) {
            string(master, i % 3, keyIn(SLOT, "s" + i), b("v" + i), i % 2 == 0 ? NOW + 60_000 : 0, NOW);
            collection(master, 0, keyIn(SLOT, "h" + (i % 5)), KeyType.HASH, List.of(b("f" + i), b("x")), 0, NOW);
        }
        list(master, 1, keyIn(SLOT, "l" + from), List.of(b("a"), b("b")), List.of(b("c")), 0, 0, NOW);
        try (SlotBatch batch = master.begin(NOW)) {
            batch.delete(0, keyIn(SLOT, "s" + from));
            batch.commit();
        }
    }

    private void replicateAll() {
        long from = replica.binlog().lastSeq() + 1;
        for (List<BinlogRecord> page; !(page = master.binlog().read(from, 7, 1 << 20)).isEmpty(); ) {
            replica.applyReplicated(page);
            from = page.get(page.size() - 1).seq() + 1;
        }
    }

    @Test
    void everyCommittedWriteAppendsOneRecordWithTheNextSequence() {
        string(master, 0, keyIn(SLOT, "a"), b("1"), 0, NOW);
        long first = master.binlog().lastSeq();
        assertTrue(first > 0);
        string(master, 0, keyIn(SLOT, "a"), b("2"), 0, NOW);
        try (SlotBatch readOnly = master.begin(NOW)) {
            readOnly.get(0, keyIn(SLOT, "a"));
            readOnly.commit();
            assertEquals(null, readOnly.logged(), "a command that wrote nothing logs nothing");
        }
        assertEquals(first + 1, master.binlog().lastSeq());
        List<BinlogRecord> records = master.binlog().read(0, 100, 1 << 20);
        assertEquals(List.of(first, first + 1), records.stream().map(BinlogRecord::seq).toList());
    }

    @Test
    void aReplicaThatReplaysTheLogHoldsTheMastersKeys() {
        writeSome(0, 40);
        master.flush(2);
        writeSome(40, 60);
        replicateAll();
        assertEquals(contents(master, NOW), contents(replica, NOW));
        assertEquals(master.binlog().position(), replica.binlog().position());
        assertEquals(0, replica.binlog().lastSeq() - master.binlog().lastSeq());
    }

    @Test
    void replayingAPageAgainChangesNothing() {
        writeSome(0, 10);
        List<BinlogRecord> page = master.binlog().read(0, 1000, 1 << 20);
        replica.applyReplicated(page);
        long position = replica.binlog().lastSeq();
        replica.applyReplicated(page);
        assertEquals(position, replica.binlog().lastSeq());
        assertEquals(contents(master, NOW), contents(replica, NOW));
    }

    @Test
    void aReplicasOwnWritesAreNotLoggedAgain() {
        string(replica, 0, keyIn(SLOT, "local"), b("x"), 0, NOW);
        assertEquals(0, replica.binlog().lastSeq());
    }

    @Test
    void afterAFullSyncTheReplicaContinuesFromTheSnapshotsPosition() {
        writeSome(0, 30);
        BinlogPosition at;
        try (SlotCopy copy = master.copy()) {
            at = copy.position();
            // After the snapshot: not in the copy, but in the log after its position. They change
            // collections the copy holds, by their versions, which the copy must have kept.
            writeSome(30, 35);
            assertFalse(master.binlog().continues(replica.binlog().lastSeq(), replica.binlog().lastEpoch()),
                    "an empty replica must sync fully");
            while (!copy.done()) {
                replica.applyCopy(copy.next(512));
            }
        }
        replica.markSynced(at.seq(), at.epoch(), NOW);
        assertTrue(master.binlog().continues(at.seq(), at.epoch()));
        replicateAll();
        assertEquals(contents(master, NOW), contents(replica, NOW));
    }

    @Test
    void aTailTheMasterLacksIsNotAPrefixOfItsLog() {
        writeSome(0, 5);
        replicateAll();
        BinlogPosition shared = replica.binlog().position();
        // The replica is promoted under a new epoch and writes on; the old master had written a tail of its own.
        SlotKeyspace promoted = new SlotKeyspace(replicaStore, SLOT, DATABASES);
        promoted.binlog().setEpoch(shared.epoch() + 1);
        string(promoted, 0, keyIn(SLOT, "new"), b("n"), 0, NOW);
        writeSome(5, 6);
        BinlogPosition oldMasters = master.binlog().position();
        assertTrue(promoted.binlog().continues(shared.seq(), shared.epoch()));
        assertFalse(promoted.binlog().continues(oldMasters.seq(), oldMasters.epoch()),
                "the old master's tail is not in the new master's log: it must sync fully");
    }

    @Test
    void trimmingKeepsTheNewestAndWhatAReplicaStillNeeds() {
        writeSome(0, 200);
        SlotBinlog log = master.binlog();
        long last = log.lastSeq();
        long needed = last - 50;
        BinlogRetention small = new BinlogRetention(0, 0, 1L << 30);
        log.trim(NOW + 10, needed, small);
        assertEquals(needed, log.firstSeq(), "a replica at " + needed + " can still continue");
        assertTrue(log.continues(needed, log.lastEpoch()));
        log.trim(NOW + 10, Long.MAX_VALUE, small);
        assertEquals(last, log.firstSeq(), "with nobody behind, only the newest record stays");
        assertEquals(List.of(last), log.read(0, 100, 1 << 20).stream().map(BinlogRecord::seq).toList());
    }

    @Test
    void aReplicaBeyondTheCapIsLeftToAFullSync() {
        writeSome(0, 200);
        SlotBinlog log = master.binlog();
        long first = log.firstSeq();
        log.trim(NOW + 10, first, new BinlogRetention(0, 0, 1024));
        assertNotEquals(first, log.firstSeq());
        assertFalse(log.continues(first, log.lastEpoch()));
    }

    @Test
    void youngRecordsWithinTheSizeLimitStay() {
        writeSome(0, 20);
        SlotBinlog log = master.binlog();
        long first = log.firstSeq();
        assertEquals(0, log.trim(NOW + 10, Long.MAX_VALUE, BinlogRetention.defaults()));
        assertEquals(first, log.firstSeq());
    }

    @Test
    void theLogSurvivesARestartAndGoesOnWithoutReusingASequence() {
        writeSome(0, 10);
        BinlogPosition before = master.binlog().position();
        long first = master.binlog().firstSeq();
        masterStore.close();
        masterStore = TestStores.open(masterDir);
        master = new SlotKeyspace(masterStore, SLOT, DATABASES);
        assertEquals(before, master.binlog().position());
        assertEquals(first, master.binlog().firstSeq());
        assertTrue(master.binlog().retainedBytes() > 0);
        string(master, 0, keyIn(SLOT, "after"), b("x"), 0, NOW);
        assertEquals(before.seq() + 1, master.binlog().lastSeq());
    }

    @Test
    void aSlotThatLeftAndCameBackStartsALogNoReplicaCanMistakeForTheOld() {
        writeSome(0, 3);
        replicateAll();
        BinlogPosition old = replica.binlog().position();
        master.clear();
        assertEquals(0, master.binlog().lastSeq());
        string(master, 0, keyIn(SLOT, "again"), b("x"), 0, NOW);
        assertTrue(master.binlog().firstSeq() > old.seq());
        assertFalse(master.binlog().continues(old.seq(), old.epoch()));
    }

    @Test
    void aMalformedRecordIsRefusedWhole() {
        BinlogRecord bad = new BinlogRecord(5, 0, NOW, new byte[] {1, 0, 0, 0, 0, 9});
        assertThrows(IllegalArgumentException.class, () -> replica.applyReplicated(List.of(bad)));
        assertEquals(0, replica.binlog().lastSeq());
    }
}
