package io.pikko.storage;

import static io.pikko.storage.TestStores.read;
import static io.pikko.storage.TestStores.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.testing.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The appendfsync policies, told apart by what RocksDB itself counts: how often the real store
 * forced its write-ahead log to disk. A crash of the process loses nothing under any policy (the
 * OS keeps what was written), so only the syncs show whether a policy is honoured.
 */
class WalSyncTest {
    private static final int DBS = 4;
    private static final int WRITES = 200;

    @TempDir
    Path dir;

    @Test
    void underAlwaysEveryWriteSyncsTheWalBeforeItReturns() {
        try (PikkoStore store = TestStores.open(dir, FsyncPolicy.ALWAYS)) {
            SlotKeyspace keyspace = new SlotKeyspace(store, 3, DBS);
            for (int i = 0; i < WRITES; i++) {
                long before = store.walSyncs();
                set(keyspace, 0, "k" + i, "v" + i);
                assertTrue(store.walSyncs() > before, "write " + i + " returned before its WAL sync");
            }
            long beforeFlush = store.walSyncs();
            keyspace.flush(0);
            assertTrue(store.walSyncs() > beforeFlush, "a range delete syncs too");
            set(keyspace, 1, "again", "x");
            long beforeSlotDelete = store.walSyncs();
            keyspace.clear();
            assertTrue(store.walSyncs() > beforeSlotDelete, "a slot delete syncs too");
        }
    }

    @Test
    void underNoWritesNeverSync() {
        try (PikkoStore store = TestStores.open(dir, FsyncPolicy.NO)) {
            SlotKeyspace keyspace = new SlotKeyspace(store, 3, DBS);
            long before = store.walSyncs();
            for (int i = 0; i < WRITES; i++) {
                set(keyspace, 0, "k" + i, "v" + i);
            }
            keyspace.flush(0);
            set(keyspace, 1, "again", "x");
            keyspace.clear();
            assertEquals(before, store.walSyncs(), "syncs made by " + WRITES + " writes under appendfsync no");
        }
    }

    @Test
    void underEverysecASyncFollowsWithinASecondOrSoAndWritesDoNotWaitForOne() {
        try (PikkoStore store = TestStores.open(dir, FsyncPolicy.EVERYSEC)) {
            SlotKeyspace keyspace = new SlotKeyspace(store, 3, DBS);
            long before = store.walSyncs();
            long started = System.nanoTime();
            for (int i = 0; i < WRITES; i++) {
                set(keyspace, 0, "k" + i, "v" + i);
            }
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            long syncs = store.walSyncs() - before;
            assertTrue(syncs <= seconds + 1, syncs + " syncs in " + seconds + " s of writes: more than one a second");
            long written = store.walSyncs();
            Eventually.await(Duration.ofSeconds(5), "a sync of the WAL after the writes", () -> store.walSyncs() > written);
        }
    }

    @Test
    void theDefaultIsEverysec() {
        assertEquals(FsyncPolicy.EVERYSEC, StoreOptions.defaults(dir).fsync(), "the default, as Redis's appendfsync");
    }

    @Test
    void thePolicyChangesLive() {
        try (PikkoStore store = TestStores.open(dir, FsyncPolicy.NO)) {
            SlotKeyspace keyspace = new SlotKeyspace(store, 7, DBS);
            long start = store.walSyncs();
            for (int i = 0; i < WRITES; i++) {
                set(keyspace, 0, "no" + i, "1");
            }
            assertEquals(start, store.walSyncs(), "syncs under no");

            store.setFsync(FsyncPolicy.ALWAYS);
            assertEquals(FsyncPolicy.ALWAYS, store.fsync());
            long beforeAlways = store.walSyncs();
            for (int i = 0; i < WRITES; i++) {
                set(keyspace, 0, "always" + i, "2");
            }
            assertTrue(store.walSyncs() - beforeAlways >= WRITES,
                    (store.walSyncs() - beforeAlways) + " syncs for " + WRITES + " writes under always");

            store.setFsync(FsyncPolicy.NO);
            long beforeNoAgain = store.walSyncs();
            for (int i = 0; i < WRITES; i++) {
                set(keyspace, 0, "no-again" + i, "3");
            }
            assertEquals(beforeNoAgain, store.walSyncs(), "syncs under no, after always");

            store.syncWal();
            assertEquals(beforeNoAgain + 1, store.walSyncs(), "an explicit sync counts once");
        }
        try (PikkoStore store = TestStores.open(dir, FsyncPolicy.NO)) {
            SlotKeyspace keyspace = new SlotKeyspace(store, 7, DBS);
            assertEquals(3L * WRITES, keyspace.count(0));
            assertEquals("2", read(keyspace, 0, "always0", 1_000));
        }
    }
}
