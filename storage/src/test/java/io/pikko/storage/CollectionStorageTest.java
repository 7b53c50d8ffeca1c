package io.pikko.storage;

import static io.pikko.storage.TestStores.b;
import static io.pikko.storage.TestStores.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Collections: versioned member records, O(1) delete, and the sweeper that reclaims the rest. */
class CollectionStorageTest {
    private static final int SLOT = 77;

    @TempDir
    java.nio.file.Path dir;
    private PikkoStore store;
    private SlotKeyspace keyspace;

    @BeforeEach
    void open() {
        store = TestStores.open(dir);
        keyspace = new SlotKeyspace(store, SLOT, 16);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Member records actually present in the store for this slot (data and zscore families). */
    private long rawMemberRecords() {
        long n = 0;
        for (ColumnFamily family : new ColumnFamily[] {ColumnFamily.DATA, ColumnFamily.ZSCORE}) {
            for (int db = 0; db < 16; db++) {
                try (RangeIterator it = store.range(family, KeyCodec.prefix(db, SLOT), KeyCodec.prefixEnd(db, SLOT))) {
                    for (; it.valid(); it.next()) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    private void createHash(String key, int fields, String valuePrefix) {
        try (SlotBatch batch = keyspace.begin(1_000)) {
            KeyMeta meta = batch.newCollection(KeyType.HASH, 0);
            for (int i = 0; i < fields; i++) {
                batch.putMember(0, b(key), meta, b("f" + i), b(valuePrefix + i));
            }
            batch.put(0, b(key), meta.withSize(fields));
            batch.commit();
        }
    }

    private List<String> fields(String key) {
        List<String> out = new ArrayList<>();
        try (SlotBatch batch = keyspace.begin(1_000)) {
            KeyMeta meta = batch.get(0, b(key));
            if (meta == null) {
                return out;
            }
            try (MemberCursor cursor = batch.members(0, b(key), meta).seekFirst()) {
                for (; cursor.valid(); cursor.next()) {
                    out.add(s(cursor.suffix()) + "=" + s(cursor.value()));
                }
            }
        }
        return out;
    }

    @Test
    void deletingALargeCollectionIsInstantAndTheSweeperReclaimsEveryRecord() {
        createHash("big", 100_000, "v");
        createHash("small", 10, "s");
        assertEquals(100_010, rawMemberRecords());

        try (SlotBatch batch = keyspace.begin(2_000)) {
            assertTrue(batch.delete(0, b("big")));
            assertEquals(1, batch.writes(), "DEL of a collection writes its metadata record only");
            batch.commit();
        }
        assertEquals(100_010, rawMemberRecords(), "DEL itself must not touch member records");
        assertTrue(keyspace.hasGarbage());

        long reclaimed = 0;
        int steps = 0;
        while (keyspace.hasGarbage()) {
            reclaimed += keyspace.sweepGarbage(10_000);
            steps++;
        }
        assertEquals(100_000, reclaimed);
        assertTrue(steps >= 10, "the sweep works in bounded steps, took " + steps);
        assertEquals(10, rawMemberRecords(), "only the live hash's records remain");
        assertEquals(10, fields("small").size());
    }

    @Test
    void aRecreatedCollectionSeesNoMemberOfTheOldOne() {
        createHash("h", 1000, "old");
        try (SlotBatch batch = keyspace.begin(2_000)) {
            batch.delete(0, b("h"));
            batch.commit();
        }
        createHash("h", 3, "new");
        assertEquals(List.of("f0=new0", "f1=new1", "f2=new2"), fields("h"));
        while (keyspace.hasGarbage()) {
            keyspace.sweepGarbage(100);
        }
        assertEquals(List.of("f0=new0", "f1=new1", "f2=new2"), fields("h"));
        assertEquals(3, rawMemberRecords());
    }

    @Test
    void overwritingACollectionWithAStringLeavesItsMembersToTheSweeper() {
        createHash("h", 50, "v");
        try (SlotBatch batch = keyspace.begin(2_000)) {
            batch.put(0, b("h"), KeyMeta.string(b("now a string"), 0));
            batch.commit();
        }
        while (keyspace.hasGarbage()) {
            keyspace.sweepGarbage(1000);
        }
        assertEquals(0, rawMemberRecords());
    }

    @Test
    void copyOfACollectionCopiesEveryMemberUnderANewVersion() {
        createHash("{x}src", 100, "v");
        try (SlotBatch batch = keyspace.begin(2_000)) {
            KeyMeta meta = batch.get(0, b("{x}src"));
            batch.copy(0, b("{x}src"), meta, 3, b("{x}dst"));
            batch.commit();
        }
        try (SlotBatch batch = keyspace.begin(2_000)) {
            KeyMeta src = batch.get(0, b("{x}src"));
            KeyMeta dst = batch.get(3, b("{x}dst"));
            assertEquals(100, dst.size());
            assertFalse(src.version() == dst.version());
            assertArrayEquals(b("v42"), batch.getMember(3, b("{x}dst"), dst, b("f42")));
        }
        assertEquals(200, rawMemberRecords());
    }

    @Test
    void cursorsWalkBothWaysAndSeeUncommittedWrites() {
        createHash("h", 5, "v");
        try (SlotBatch batch = keyspace.begin(2_000)) {
            KeyMeta meta = batch.get(0, b("h"));
            batch.putMember(0, b("h"), meta, b("f9"), b("added"));
            batch.deleteMember(0, b("h"), meta, b("f0"));
            List<String> backwards = new ArrayList<>();
            try (MemberCursor cursor = batch.members(0, b("h"), meta).seekLast()) {
                for (; cursor.valid(); cursor.prev()) {
                    backwards.add(s(cursor.suffix()));
                }
            }
            assertEquals(List.of("f9", "f4", "f3", "f2", "f1"), backwards);
            try (MemberCursor cursor = batch.members(0, b("h"), meta).seek(b("f3"))) {
                assertEquals("f3", s(cursor.suffix()));
            }
            assertNull(batch.getMember(0, b("h"), meta, b("f0")));
        }
    }

    @Test
    void scoreEntriesSortAsNumbers() {
        double[] scores = {3.5, -1, Double.NEGATIVE_INFINITY, 0, -0.0, 1e300, Double.POSITIVE_INFINITY, -2.25};
        try (SlotBatch batch = keyspace.begin(2_000)) {
            KeyMeta meta = batch.newCollection(KeyType.ZSET, 0);
            for (int i = 0; i < scores.length; i++) {
                batch.putScoreEntry(0, b("z"), meta, scores[i], b("m" + i));
            }
            batch.put(0, b("z"), meta.withSize(scores.length));
            batch.commit();
        }
        List<Double> seen = new ArrayList<>();
        try (SlotBatch batch = keyspace.begin(2_000)) {
            KeyMeta meta = batch.get(0, b("z"));
            try (MemberCursor cursor = batch.scoreEntries(0, b("z"), meta).seekFirst()) {
                for (; cursor.valid(); cursor.next()) {
                    seen.add(cursor.score());
                }
            }
        }
        assertEquals(List.of(Double.NEGATIVE_INFINITY, -2.25, -1.0, 0.0, 0.0, 3.5, 1e300, Double.POSITIVE_INFINITY), seen);
    }

    /** Pops from the front, as ZPOPMIN does: the first live entry, then its deletion, in one batch. */
    private String popFirst(String key) {
        try (SlotBatch batch = keyspace.begin(3_000)) {
            KeyMeta meta = batch.get(0, b(key));
            try (MemberCursor cursor = batch.scoreEntries(0, b(key), meta).seekFirst()) {
                if (!cursor.valid()) {
                    return null;
                }
                double score = cursor.score();
                byte[] member = cursor.scoredMember();
                batch.deleteScoreEntry(0, b(key), meta, score, member);
                batch.commit();
                return s(member);
            }
        }
    }

    private void addScore(String key, double score, String member) {
        try (SlotBatch batch = keyspace.begin(3_000)) {
            KeyMeta meta = batch.get(0, b(key));
            if (meta == null) {
                meta = batch.newCollection(KeyType.ZSET, 0);
                batch.put(0, b(key), meta.withSize(1));
            }
            batch.putScoreEntry(0, b(key), meta, score, b(member));
            batch.commit();
        }
    }

    @Test
    void rememberedEndsNeverHideANewEntryBelowOrAbove() {
        for (int i = 0; i < 1000; i++) {
            addScore("q", i, "m" + i);
        }
        for (int i = 0; i < 500; i++) {
            assertEquals("m" + i, popFirst("q"));
        }
        // Below the remembered first entry: must be the next one popped.
        addScore("q", -1, "low");
        assertEquals("low", popFirst("q"));
        assertEquals("m500", popFirst("q"));
        // Above the remembered last entry, seen through a reverse cursor.
        try (SlotBatch batch = keyspace.begin(3_000)) {
            KeyMeta meta = batch.get(0, b("q"));
            try (MemberCursor cursor = batch.scoreEntries(0, b("q"), meta).seekLast()) {
                assertEquals("m999", s(cursor.scoredMember()));
            }
            batch.commit();
        }
        addScore("q", 5000, "high");
        try (SlotBatch batch = keyspace.begin(3_000)) {
            KeyMeta meta = batch.get(0, b("q"));
            try (MemberCursor cursor = batch.scoreEntries(0, b("q"), meta).seekLast()) {
                assertEquals("high", s(cursor.scoredMember()));
            }
            try (MemberCursor cursor = batch.scoreEntries(0, b("q"), meta).seek(KeyCodec.sortableScore(-100))) {
                assertEquals("m501", s(cursor.scoredMember()), "a seek below the first live entry lands on it");
            }
        }
    }
}
