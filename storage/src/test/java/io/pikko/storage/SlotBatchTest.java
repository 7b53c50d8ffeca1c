package io.pikko.storage;

import static io.pikko.storage.TestStores.b;
import static io.pikko.storage.TestStores.read;
import static io.pikko.storage.TestStores.s;
import static io.pikko.storage.TestStores.set;
import static io.pikko.storage.TestStores.stored;
import static io.pikko.storage.TestStores.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlotBatchTest {
    private static final int DBS = 4;
    private static final long NOW = 1_000_000;

    @TempDir
    Path dir;

    private PikkoStore store;
    private SlotKeyspace slot5;
    private SlotKeyspace slot6;

    @BeforeEach
    void open() {
        store = TestStores.open(dir);
        slot5 = new SlotKeyspace(store, 5, DBS);
        slot6 = new SlotKeyspace(store, 6, DBS);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** The (time, db, slot, key) entries of the expire index, due at any time. */
    private List<String> expireIndex() {
        return store.dueExpirations(Long.MAX_VALUE - 1, 1000).stream()
                .map(e -> e.expireAt() + "/" + e.db() + "/" + e.slot() + "/" + s(e.key()))
                .toList();
    }

    @Test
    void stringsAreIsolatedByDbAndSlot() {
        set(slot5, 0, "k", "db0-slot5");
        set(slot5, 1, "k", "db1-slot5");
        set(slot6, 0, "k", "db0-slot6");

        assertEquals("db0-slot5", read(slot5, 0, "k", NOW));
        assertEquals("db1-slot5", read(slot5, 1, "k", NOW));
        assertEquals("db0-slot6", read(slot6, 0, "k", NOW));
        assertNull(read(slot5, 2, "k", NOW));
        assertNull(read(slot6, 1, "k", NOW));
        assertEquals(1, slot5.count(0));
        assertEquals(1, slot5.count(1));
        assertEquals(0, slot5.count(2));
        assertEquals(1, slot6.count(0));
        assertEquals(0, slot6.count(1));

        try (SlotBatch batch = slot5.begin(NOW)) {
            assertTrue(batch.delete(0, b("k")));
            batch.commit();
        }
        assertNull(read(slot5, 0, "k", NOW));
        assertEquals("db1-slot5", read(slot5, 1, "k", NOW));
        assertEquals("db0-slot6", read(slot6, 0, "k", NOW));
        assertFalse(stored(store, 0, 5, "k"));
        assertTrue(stored(store, 1, 5, "k"));
        assertTrue(stored(store, 0, 6, "k"));
        assertEquals(0, slot5.count(0));
        assertEquals(1, slot5.count(1));
        assertEquals(1, slot6.count(0));
    }

    @Test
    void readsSeeTheCommandsOwnWritesBeforeCommit() {
        set(slot5, 0, "k", "committed");
        try (SlotBatch batch = slot5.begin(NOW)) {
            assertEquals("committed", value(batch, 0, "k"));
            batch.put(0, b("k"), KeyMeta.string(b("v1"), 0));
            assertEquals("v1", value(batch, 0, "k"));
            batch.put(0, b("k"), KeyMeta.string(b("v2"), 0));
            assertEquals("v2", value(batch, 0, "k"));
            assertTrue(batch.delete(0, b("k")));
            assertNull(batch.get(0, b("k")));
            assertFalse(batch.delete(0, b("k")), "already deleted in this command");
            batch.put(0, b("new"), KeyMeta.string(b("n"), 0));
            assertEquals("n", value(batch, 0, "new"));
            assertNull(batch.get(1, b("new")), "own write is in db 0 only");

            // none of it is visible outside the command yet
            assertEquals("committed", read(slot5, 0, "k", NOW));
            assertNull(read(slot5, 0, "new", NOW));
            assertTrue(stored(store, 0, 5, "k"));
            assertFalse(stored(store, 0, 5, "new"));
            assertEquals(1, slot5.count(0));

            batch.commit();
        }
        assertNull(read(slot5, 0, "k", NOW));
        assertEquals("n", read(slot5, 0, "new", NOW));
        assertEquals(1, slot5.count(0));
    }

    @Test
    void nothingReachesTheStoreWithoutCommit() {
        try (SlotBatch batch = slot5.begin(NOW)) {
            batch.put(0, b("a"), KeyMeta.string(b("1"), 0));
            batch.put(2, b("b"), KeyMeta.string(b("2"), NOW + 5_000));
            assertTrue(batch.dirty());
            // closed without commit
        }
        assertFalse(stored(store, 0, 5, "a"));
        assertFalse(stored(store, 2, 5, "b"));
        assertNull(read(slot5, 0, "a", NOW));
        assertEquals(0, slot5.count(0));
        assertEquals(0, slot5.count(2));
        assertEquals(List.of(), expireIndex());
    }

    @Test
    void keyCountsFollowCommits() {
        try (SlotBatch batch = slot5.begin(NOW)) {
            assertFalse(batch.dirty());
            batch.put(0, b("a"), KeyMeta.string(b("1"), 0));
            batch.put(0, b("a"), KeyMeta.string(b("2"), 0)); // twice in one batch
            batch.put(0, b("b"), KeyMeta.string(b("1"), 0));
            batch.put(1, b("a"), KeyMeta.string(b("1"), 0));
            assertEquals(0, slot5.count(0), "counts change at commit, not before");
            batch.commit();
        }
        assertEquals(2, slot5.count(0));
        assertEquals(1, slot5.count(1));
        assertEquals(0, slot6.count(0));

        set(slot5, 0, "a", "overwrite");
        assertEquals(2, slot5.count(0), "overwrite is not a new key");

        try (SlotBatch batch = slot5.begin(NOW)) {
            assertFalse(batch.delete(0, b("absent")));
            assertFalse(batch.dirty(), "deleting an absent key writes nothing");
            batch.commit();
        }
        assertEquals(2, slot5.count(0));

        try (SlotBatch batch = slot5.begin(NOW)) {
            assertTrue(batch.delete(0, b("b")));
            batch.put(0, b("b"), KeyMeta.string(b("back"), 0)); // delete then re-create: still one key
            batch.put(0, b("c"), KeyMeta.string(b("c"), 0));
            assertTrue(batch.delete(0, b("c"))); // create then delete: no key
            batch.commit();
        }
        assertEquals(2, slot5.count(0));
        assertEquals("back", read(slot5, 0, "b", NOW));

        try (SlotBatch batch = slot5.begin(NOW)) {
            assertTrue(batch.delete(0, b("a")));
            assertTrue(batch.delete(1, b("a")));
            batch.commit();
        }
        assertEquals(1, slot5.count(0));
        assertEquals(0, slot5.count(1));
        // the counts agree with what is stored: a fresh keyspace recounts the same
        SlotKeyspace recount = new SlotKeyspace(store, 5, DBS);
        for (int db = 0; db < DBS; db++) {
            assertEquals(slot5.count(db), recount.count(db), "db " + db);
        }
    }

    @Test
    void committingTwiceAppliesTheWritesOnce() {
        try (SlotBatch batch = slot5.begin(NOW)) {
            batch.put(0, b("a"), KeyMeta.string(b("1"), 0));
            batch.commit();
            batch.commit();
            assertEquals(1, slot5.count(0));
            // the batch stays usable: a later write is applied by the next commit
            batch.put(0, b("b"), KeyMeta.string(b("2"), 0));
            assertEquals("1", value(batch, 0, "a"));
            batch.commit();
        }
        assertEquals(2, slot5.count(0));
        assertEquals("2", read(slot5, 0, "b", NOW));
        assertEquals(2, new SlotKeyspace(store, 5, DBS).count(0));
    }

    @Test
    void getRemovesAnExpiredKeyAtCommit() {
        set(slot5, 0, "ttl", "v", NOW + 100, NOW);
        set(slot5, 0, "keep", "v");
        assertEquals(2, slot5.count(0));

        assertEquals("v", read(slot5, 0, "ttl", NOW + 99), "alive just before its time");
        assertEquals(2, slot5.count(0), "an expired key still counts until something removes it");

        try (SlotBatch batch = slot5.begin(NOW + 100)) {
            assertNull(batch.get(0, b("ttl")), "expired at exactly its expireAt");
            assertTrue(batch.dirty(), "the lazy delete is a write");
            assertTrue(stored(store, 0, 5, "ttl"), "not removed before commit");
            assertEquals(2, slot5.count(0));
            batch.commit();
        }
        assertFalse(stored(store, 0, 5, "ttl"));
        assertEquals(1, slot5.count(0));
        assertEquals(List.of(), expireIndex(), "its expire index entry went with it");
        assertEquals("v", read(slot5, 0, "keep", NOW + 100));
    }

    @Test
    void deleteOfAnExpiredKeyRemovesItButReportsNoLiveKey() {
        set(slot5, 0, "ttl", "v", NOW + 10, NOW);
        try (SlotBatch batch = slot5.begin(NOW + 10)) {
            assertFalse(batch.delete(0, b("ttl")), "DEL of an expired key returns 0 in Redis");
            batch.commit();
        }
        assertFalse(stored(store, 0, 5, "ttl"));
        assertEquals(0, slot5.count(0));
        assertEquals(List.of(), expireIndex());
    }

    @Test
    void putOverAnExpiredKeyKeepsTheCount() {
        set(slot5, 0, "ttl", "old", NOW + 10, NOW);
        try (SlotBatch batch = slot5.begin(NOW + 20)) {
            batch.put(0, b("ttl"), KeyMeta.string(b("new"), 0));
            batch.commit();
        }
        assertEquals(1, slot5.count(0));
        assertEquals("new", read(slot5, 0, "ttl", NOW + 20));
        assertEquals(List.of(), expireIndex());
    }

    @Test
    void expireIndexFollowsTheKeys() {
        set(slot5, 1, "k", "v", 5_000, 0);
        assertEquals(List.of("5000/1/5/k"), expireIndex());
        assertEquals(List.of(), store.dueExpirations(4_999, 10), "not due before its time");
        List<DueExpiration> due = store.dueExpirations(5_000, 10);
        assertEquals(1, due.size());
        assertEquals(5_000, due.get(0).expireAt());
        assertEquals(1, due.get(0).db());
        assertEquals(5, due.get(0).slot());
        assertArrayEquals(b("k"), due.get(0).key());

        set(slot5, 1, "k", "v2", 5_000, 0); // same expiry: entry unchanged
        assertEquals(List.of("5000/1/5/k"), expireIndex());

        set(slot5, 1, "k", "v3", 7_000, 0); // moved
        assertEquals(List.of("7000/1/5/k"), expireIndex());

        try (SlotBatch batch = slot5.begin(0)) { // EXPIRE-style update of the expiry alone
            batch.put(1, b("k"), batch.get(1, b("k")).withExpireAt(6_000));
            batch.commit();
        }
        assertEquals(List.of("6000/1/5/k"), expireIndex());
        assertEquals("v3", read(slot5, 1, "k", 0));

        set(slot5, 1, "k", "persistent", 0, 0); // PERSIST / plain SET: removed
        assertEquals(List.of(), expireIndex());

        set(slot5, 1, "k", "v", 8_000, 0);
        set(slot6, 0, "other", "v", 3_000, 0);
        set(slot5, 2, "third", "v", 9_000, 0);
        assertEquals(List.of("3000/0/6/other", "8000/1/5/k", "9000/2/5/third"), expireIndex(), "oldest first");
        assertEquals(2, store.dueExpirations(Long.MAX_VALUE - 1, 2).size(), "limit honoured");
        assertEquals(List.of("3000/0/6/other", "8000/1/5/k"),
                store.dueExpirations(8_000, 10).stream()
                        .map(e -> e.expireAt() + "/" + e.db() + "/" + e.slot() + "/" + s(e.key())).toList());

        try (SlotBatch batch = slot5.begin(0)) {
            assertTrue(batch.delete(1, b("k")));
            batch.commit();
        }
        assertEquals(List.of("3000/0/6/other", "9000/2/5/third"), expireIndex());
    }

    @Test
    void expireIndexIsUntouchedWithoutCommit() {
        set(slot5, 0, "k", "v", 5_000, 0);
        try (SlotBatch batch = slot5.begin(0)) {
            batch.put(0, b("k"), KeyMeta.string(b("v"), 6_000));
            assertEquals(List.of("5000/0/5/k"), expireIndex());
        }
        assertEquals(List.of("5000/0/5/k"), expireIndex());
    }

    @Test
    void expireIfDueDeletesAnExpiredKey() {
        set(slot5, 0, "k", "v", 5_000, 0);
        set(slot5, 0, "other", "v");
        try (SlotBatch batch = slot5.begin(5_000)) {
            assertTrue(batch.expireIfDue(0, b("k"), 5_000));
            assertEquals(2, slot5.count(0));
            batch.commit();
        }
        assertFalse(stored(store, 0, 5, "k"));
        assertEquals(1, slot5.count(0));
        assertEquals(List.of(), expireIndex());
    }

    @Test
    void expireIfDueLeavesALiveKeyAlone() {
        set(slot5, 0, "k", "v", 5_000, 0);
        try (SlotBatch batch = slot5.begin(4_999)) {
            assertFalse(batch.expireIfDue(0, b("k"), 5_000));
            assertFalse(batch.dirty());
            batch.commit();
        }
        assertEquals("v", read(slot5, 0, "k", 4_999));
        assertEquals(List.of("5000/0/5/k"), expireIndex());
    }

    @Test
    void expireIfDueDropsEntriesLeftBehindByFlush() {
        set(slot5, 0, "gone", "v", 5_000, 0);
        set(slot5, 0, "back", "v", 5_000, 0);
        slot5.flush(0); // removes the keys, not their expire index entries
        assertEquals(List.of("5000/0/5/back", "5000/0/5/gone"), expireIndex());
        set(slot5, 0, "back", "again", 9_000, 0); // re-created with another expiry

        try (SlotBatch batch = slot5.begin(6_000)) {
            assertFalse(batch.expireIfDue(0, b("gone"), 5_000), "no key to expire");
            assertFalse(batch.expireIfDue(0, b("back"), 5_000), "the key lives on to 9000");
            batch.commit();
        }
        assertEquals(List.of("9000/0/5/back"), expireIndex());
        assertEquals("again", read(slot5, 0, "back", 6_000));
        assertEquals(1, slot5.count(0));
    }

    @Test
    void binaryKeysValuesAndOtherTypesRoundTrip() {
        byte[] key = {0, (byte) 0xff, '{', '}', 10};
        byte[] value = {(byte) 0x80, 0, 0, 1};
        byte[] empty = new byte[0];
        try (SlotBatch batch = slot5.begin(NOW)) {
            batch.put(3, key, KeyMeta.string(value, 0));
            batch.put(3, empty, KeyMeta.string(empty, 0));
            batch.put(3, b("h"), new KeyMeta(KeyType.HASH, 42, NOW + 1_000, new byte[] {7, 7}));
            batch.commit();
        }
        try (SlotBatch batch = slot5.begin(NOW)) {
            assertArrayEquals(value, batch.get(3, key).payload());
            assertNotNull(batch.get(3, empty), "the empty key is a key");
            assertArrayEquals(empty, batch.get(3, empty).payload());
            assertNull(batch.get(3, new byte[] {0, (byte) 0xff, '{', '}'}), "a prefix is another key");
            KeyMeta hash = batch.get(3, b("h"));
            assertEquals(KeyType.HASH, hash.type());
            assertEquals(42, hash.version());
            assertEquals(NOW + 1_000, hash.expireAt());
            assertArrayEquals(new byte[] {7, 7}, hash.payload());
        }
        assertEquals(3, slot5.count(3));
    }

    @Test
    void batchReportsItsSlotAndClock() {
        try (SlotBatch batch = slot6.begin(1234)) {
            assertEquals(6, batch.slot());
            assertEquals(1234, batch.now());
        }
    }

    @Test
    void aBatchTrackingChangesKnowsWhichKeysItChanged() {
        set(slot5, 0, "present", "v");
        try (SlotBatch batch = slot5.begin(NOW)) {
            batch.trackChanges();
            assertFalse(batch.delete(0, b("absent")));
            assertTrue(batch.delete(0, b("present")));
            batch.put(1, b("other-db"), KeyMeta.string(b("x"), 0));
            batch.commit();
            assertTrue(batch.changed(0, b("present")));
            assertTrue(batch.changed(1, b("other-db")));
            assertFalse(batch.changed(0, b("absent")), "deleting an absent key changes nothing");
            assertFalse(batch.changed(0, b("other-db")), "a key of another database");
        }
        try (SlotBatch untracked = slot5.begin(NOW)) {
            assertFalse(untracked.changed(0, b("any")));
            untracked.put(0, b("k"), KeyMeta.string(b("x"), 0));
            assertTrue(untracked.changed(0, b("any")), "untracked, any change counts for every key");
        }
    }
}
