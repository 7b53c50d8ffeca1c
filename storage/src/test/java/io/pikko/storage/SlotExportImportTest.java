package io.pikko.storage;

import static io.pikko.storage.SlotFixtures.collection;
import static io.pikko.storage.SlotFixtures.contents;
import static io.pikko.storage.SlotFixtures.drain;
import static io.pikko.storage.SlotFixtures.importAll;
import static io.pikko.storage.SlotFixtures.keyIn;
import static io.pikko.storage.SlotFixtures.list;
import static io.pikko.storage.SlotFixtures.read;
import static io.pikko.storage.SlotFixtures.score;
import static io.pikko.storage.SlotFixtures.string;
import static io.pikko.storage.TestStores.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A slot exported from one store through a snapshot and imported into another arrives whole. */
class SlotExportImportTest {
    private static final int SLOT = 321;
    private static final int DATABASES = 16;
    private static final long NOW = 1_700_000_000_000L;
    private static final long LATER = NOW + 3_600_000;
    private static final int MAX_ELEMENTS = 100;
    private static final long MAX_BYTES = 4096;

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;
    private PikkoStore storeA;
    private PikkoStore storeB;
    private SlotKeyspace a;
    private SlotKeyspace b;

    @BeforeEach
    void open() {
        storeA = TestStores.open(dirA);
        storeB = TestStores.open(dirB);
        a = new SlotKeyspace(storeA, SLOT, DATABASES);
        b = new SlotKeyspace(storeB, SLOT, DATABASES);
    }

    @AfterEach
    void close() {
        storeA.close();
        storeB.close();
    }

    private static byte[] key(String name) {
        return keyIn(SLOT, name);
    }

    private static List<byte[]> hashItems(int fields, String prefix) {
        List<byte[]> items = new ArrayList<>();
        for (int i = 0; i < fields; i++) {
            items.add(b(prefix + "field:" + i));
            items.add(b("value " + i + " " + "x".repeat(i % 50)));
        }
        return items;
    }

    private static List<byte[]> setMembers(int members) {
        List<byte[]> items = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            items.add(b("member:" + i));
        }
        return items;
    }

    private static List<byte[]> zsetItems(int members) {
        List<byte[]> items = new ArrayList<>();
        double[] special = {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.0, -1.5, 1e300, -1e-300};
        for (int i = 0; i < members; i++) {
            items.add(b("m" + i));
            items.add(score(i < special.length ? special[i] : (i * 7919 % 1000) - 500.25));
        }
        return items;
    }

    private static List<byte[]> elements(String prefix, int n) {
        List<byte[]> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(b(prefix + i));
        }
        return items;
    }

    /** Keys of every type, small and spanning many chunks, with TTLs and without, in two databases. */
    private void fillA() {
        byte[] hll = new byte[12304]; // a dense HyperLogLog's size, binary throughout
        new Random(7).nextBytes(hll);
        System.arraycopy(b("HYLL"), 0, hll, 0, 4);
        byte[] bitmap = new byte[1000];
        bitmap[0] = (byte) 0x80;
        bitmap[999] = (byte) 0xff;
        for (int db : new int[] {0, 5}) {
            string(a, db, key("str"), b("hello " + db), 0, NOW);
            string(a, db, key("str:ttl"), b("short-lived"), LATER, NOW);
            string(a, db, key("empty"), new byte[0], 0, NOW);
            string(a, db, key("hll"), hll, 0, NOW);
            string(a, db, key("bitmap"), bitmap, LATER + 1, NOW);
            collection(a, db, key("hash"), KeyType.HASH, hashItems(3, ""), 0, NOW);
            collection(a, db, key("hash:big"), KeyType.HASH, hashItems(2_500, "big"), LATER + 2, NOW);
            collection(a, db, key("set"), KeyType.SET, setMembers(4), LATER + 3, NOW);
            collection(a, db, key("set:big"), KeyType.SET, setMembers(1_000), 0, NOW);
            collection(a, db, key("zset"), KeyType.ZSET, zsetItems(6), 0, NOW);
            collection(a, db, key("zset:big"), KeyType.ZSET, zsetItems(1_200), LATER + 4, NOW);
            list(a, db, key("list"), elements("l", 3), elements("r", 4), 1, 0, NOW);
            list(a, db, key("list:big"), elements("left", 700), elements("right", 800), 50, LATER + 5, NOW);
        }
    }

    @Test
    void everyTypeArrivesWholeWithItsTtl() {
        fillA();
        List<ExportChunk> chunks;
        long keysAtSnapshot;
        try (SlotExport export = a.exportSlot(NOW, MAX_ELEMENTS, MAX_BYTES)) {
            keysAtSnapshot = export.keysAtSnapshot();
            chunks = drain(export);
        }
        assertEquals(26, keysAtSnapshot);
        assertEquals(26, chunks.stream().filter(ExportChunk::last).count());
        assertEquals(26, chunks.stream().filter(ExportChunk::first).count());
        assertTrue(chunks.size() > 100, "big collections go in many chunks: " + chunks.size());
        for (ExportChunk chunk : chunks) {
            int members = chunk.type() == KeyType.HASH || chunk.type() == KeyType.ZSET
                    ? chunk.elements().size() / 2 : chunk.elements().size();
            assertTrue(members <= MAX_ELEMENTS, "members in a chunk: " + members);
            assertTrue(chunk.type() == KeyType.STRING || chunk.estimatedBytes() <= MAX_BYTES,
                    "estimated bytes of a chunk: " + chunk.estimatedBytes());
            assertFalse(chunk.deleted());
        }

        importAll(b, chunks, 7, NOW);

        Map<String, SlotFixtures.KeyState> expected = contents(a, NOW);
        assertEquals(26, expected.size());
        assertEquals(expected, contents(b, NOW));
        for (int db = 0; db < DATABASES; db++) {
            assertEquals(a.count(db), b.count(db), "keys of db " + db);
            assertEquals(a.expiring(db), b.expiring(db), "keys with a TTL in db " + db);
        }
        // The expire index of B holds each key with a TTL at its expiry, so active expiry finds them.
        List<DueExpiration> due = storeB.dueExpirations(LATER + 10, 100);
        assertEquals(12, due.size());
        for (DueExpiration entry : due) {
            assertEquals(entry.expireAt(), read(b, entry.db(), entry.key(), NOW).expireAt());
        }
        assertNull(read(b, 0, key("hash:big"), LATER + 2), "the TTL still expires the key on B");
    }

    @Test
    void writesAfterTheSnapshotAreNotExported() {
        fillA();
        Map<String, SlotFixtures.KeyState> atSnapshot = contents(a, NOW);
        List<ExportChunk> chunks;
        try (SlotExport export = a.exportSlot(NOW, MAX_ELEMENTS, MAX_BYTES)) {
            // Pull a few chunks, then write, then pull the rest: the export still sees the snapshot.
            chunks = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                chunks.add(export.next());
            }
            string(a, 0, key("str"), b("changed"), 0, NOW);
            string(a, 0, key("new"), b("added after"), 0, NOW);
            collection(a, 5, key("hash:big"), KeyType.HASH, hashItems(2, "other"), 0, NOW);
            try (SlotBatch batch = a.begin(NOW)) {
                batch.delete(0, key("zset:big"));
                batch.delete(5, key("list"));
                batch.commit();
            }
            export.forEachRemaining(chunks::add);
        }
        importAll(b, chunks, 50, NOW);
        assertEquals(atSnapshot, contents(b, NOW));
        assertNull(read(b, 0, key("new"), NOW));
    }

    @Test
    void expiredKeysAreSkipped() {
        string(a, 0, key("gone"), b("v"), NOW - 1, NOW - 10);
        collection(a, 0, key("gone:hash"), KeyType.HASH, hashItems(10, ""), NOW, NOW - 10);
        string(a, 0, key("kept"), b("v"), NOW + 1, NOW - 10);
        List<ExportChunk> chunks = drain(a.exportSlot(NOW, MAX_ELEMENTS, MAX_BYTES));
        assertEquals(1, chunks.size());
        assertArrayEquals(key("kept"), chunks.get(0).key());
    }

    @Test
    void aChunkExpiredByImportTimeDeletesTheKey() {
        collection(a, 0, key("hash"), KeyType.HASH, hashItems(300, ""), NOW + 5, NOW);
        string(b, 0, key("hash"), b("old"), 0, NOW);
        List<ExportChunk> chunks = drain(a.exportSlot(NOW, MAX_ELEMENTS, MAX_BYTES));
        assertTrue(chunks.size() > 1);
        importAll(b, chunks, 1, NOW + 5);
        assertNull(read(b, 0, key("hash"), NOW));
        assertEquals(0, b.count(0));
        assertEquals(0, b.expiring(0));
    }

    @Test
    void exportKeyGivesTheKeyNowOrItsDeletion() {
        collection(a, 3, key("zset"), KeyType.ZSET, zsetItems(250), LATER, NOW);
        string(a, 3, key("expired"), b("v"), NOW - 1, NOW - 10);
        for (String name : new String[] {"zset", "missing", "expired"}) {
            collection(b, 3, key(name), KeyType.SET, setMembers(3), 0, NOW);
        }
        List<ExportChunk> zset = drain(a.exportKey(3, key("zset"), NOW, MAX_ELEMENTS, MAX_BYTES));
        assertTrue(zset.size() > 2);
        assertTrue(zset.get(0).first());
        assertTrue(zset.get(zset.size() - 1).last());
        b.importChunks(zset, NOW);
        assertEquals(read(a, 3, key("zset"), NOW), read(b, 3, key("zset"), NOW));

        for (String name : new String[] {"missing", "expired"}) {
            List<ExportChunk> deletion = drain(a.exportKey(3, key(name), NOW, MAX_ELEMENTS, MAX_BYTES));
            assertEquals(1, deletion.size());
            ExportChunk chunk = deletion.get(0);
            assertTrue(chunk.deleted() && chunk.first() && chunk.last());
            assertArrayEquals(key(name), chunk.key());
            assertEquals(3, chunk.db());
            b.importChunks(deletion, NOW);
            assertNull(read(b, 3, key(name), NOW));
        }
        assertEquals(1, b.count(3));
        assertEquals(1, b.expiring(3));
    }

    @Test
    void aFirstChunkReplacesAKeyOfAnotherType() {
        collection(a, 0, key("k1"), KeyType.HASH, hashItems(150, ""), 0, NOW);
        string(a, 0, key("k2"), b("now a string"), LATER, NOW);
        list(a, 0, key("k3"), elements("x", 2), elements("y", 2), 0, 0, NOW);
        collection(a, 0, key("k4"), KeyType.ZSET, zsetItems(5), 0, NOW);
        list(b, 0, key("k1"), elements("old", 5), List.of(), 0, LATER, NOW);
        collection(b, 0, key("k2"), KeyType.SET, setMembers(20), 0, NOW);
        string(b, 0, key("k3"), b("was a string"), 0, NOW);
        collection(b, 0, key("k4"), KeyType.ZSET, zsetItems(40), LATER, NOW); // same type, more members

        importAll(b, drain(a.exportSlot(NOW, MAX_ELEMENTS, MAX_BYTES)), 2, NOW);

        assertEquals(contents(a, NOW), contents(b, NOW));
        assertEquals(4, b.count(0));
        assertEquals(1, b.expiring(0));
        // The replaced collections' members are garbage to the sweeper; the imported ones are not.
        assertEquals(5 + 20 + 40 * 2, b.sweepGarbage(1_000_000));
        assertEquals(contents(a, NOW), contents(b, NOW));
    }

    @Test
    void applyingABatchTwiceLeavesTheSameKeysButAListTwiceAsLong() {
        collection(a, 0, key("hash"), KeyType.HASH, hashItems(250, ""), LATER, NOW);
        collection(a, 0, key("set"), KeyType.SET, setMembers(250), 0, NOW);
        collection(a, 0, key("zset"), KeyType.ZSET, zsetItems(250), 0, NOW);
        string(a, 0, key("str"), b("v"), LATER, NOW);
        list(a, 0, key("list"), List.of(), elements("e", 3), 0, 0, NOW);
        List<ExportChunk> chunks = drain(a.exportSlot(NOW, MAX_ELEMENTS, MAX_BYTES));
        string(b, 0, key("deleted"), b("v"), 0, NOW);
        chunks.add(ExportChunk.deletion(0, key("deleted")));
        List<ExportChunk> noList = chunks.stream().filter(c -> c.type() != KeyType.LIST).toList();
        List<ExportChunk> tails = noList.stream().filter(c -> !c.first()).toList();

        b.importChunks(noList, NOW);
        Map<String, SlotFixtures.KeyState> once = contents(b, NOW);
        b.importChunks(noList, NOW);
        assertEquals(once, contents(b, NOW));
        b.importChunks(tails, NOW); // chunks after the first of their key add what is already there
        assertEquals(once, contents(b, NOW));
        assertEquals(4, b.count(0));

        List<ExportChunk> list = chunks.stream().filter(c -> c.type() == KeyType.LIST).toList();
        b.importChunks(list, NOW);
        b.importChunks(list, NOW);
        assertEquals(3, read(b, 0, key("list"), NOW).contents().size(), "a list's first chunk starts it anew");
        b.importChunks(list.stream().map(c -> new ExportChunk(c.db(), c.key(), c.type(), c.expireAtMillis(), false,
                c.last(), false, c.elements())).toList(), NOW);
        assertEquals(6, read(b, 0, key("list"), NOW).contents().size(), "a list's later chunks append again");
    }

    @Test
    void aMemberRepeatedInAChunkCountsOnceAndTheLastValueWins() {
        b.importChunks(List.of(
                new ExportChunk(0, key("h"), KeyType.HASH, 0, true, true, false,
                        List.of(b("f"), b("1"), b("g"), b("2"), b("f"), b("3"))),
                new ExportChunk(0, key("s"), KeyType.SET, 0, true, true, false, List.of(b("x"), b("x"), b("y"))),
                new ExportChunk(0, key("z"), KeyType.ZSET, 0, true, true, false,
                        List.of(b("m"), score(1), b("n"), score(2), b("m"), score(3)))), NOW);
        assertEquals(List.of("66=33", "67=32"), read(b, 0, key("h"), NOW).contents());
        assertEquals(List.of("78", "79"), read(b, 0, key("s"), NOW).contents());
        assertEquals(List.of("6e@2.0", "6d@3.0"), read(b, 0, key("z"), NOW).contents());
    }

    @Test
    void anExportResumesAtAKey() {
        fillA();
        List<ExportChunk> all = drain(a.exportSlot(NOW, MAX_ELEMENTS, MAX_BYTES));
        int start = 0;
        while (!(all.get(start).db() == 5 && all.get(start).first())) {
            start++;
        }
        start += 3;
        while (!all.get(start).first()) {
            start++;
        }
        ExportChunk from = all.get(start);
        List<ExportChunk> resumed = drain(a.exportSlot(NOW, MAX_ELEMENTS, MAX_BYTES, from.db(), from.key()));
        assertEquals(all.size() - start, resumed.size());
        for (int i = 0; i < resumed.size(); i++) {
            assertArrayEquals(all.get(start + i).key(), resumed.get(i).key());
            assertEquals(all.get(start + i).elements().size(), resumed.get(i).elements().size());
        }
    }

    @Test
    void aBadBatchIsRefusedWhole() {
        List<ExportChunk> batch = List.of(
                new ExportChunk(0, key("fine"), KeyType.STRING, 0, true, true, false, List.of(b("v"))),
                new ExportChunk(0, keyIn(SLOT + 1, "elsewhere"), KeyType.STRING, 0, true, true, false, List.of(b("v"))));
        assertThrows(IllegalArgumentException.class, () -> b.importChunks(batch, NOW));
        List<ExportChunk> oddHash = List.of(
                new ExportChunk(0, key("fine"), KeyType.STRING, 0, true, true, false, List.of(b("v"))),
                new ExportChunk(0, key("h"), KeyType.HASH, 0, true, true, false, List.of(b("field"))));
        assertThrows(IllegalArgumentException.class, () -> b.importChunks(oddHash, NOW));
        assertNull(read(b, 0, key("fine"), NOW));
        assertEquals(0, b.count(0));
    }

    @Test
    void closingReleasesTheSnapshotMidway() {
        fillA();
        SlotExport export = a.exportSlot(NOW, MAX_ELEMENTS, MAX_BYTES);
        assertNotNull(export.next());
        export.close();
        assertFalse(export.hasNext());
        export.close();
        // The store closes cleanly with no snapshot or iterator left open (RocksDB asserts otherwise).
    }
}
