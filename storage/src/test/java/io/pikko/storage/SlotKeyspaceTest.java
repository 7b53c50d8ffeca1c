package io.pikko.storage;

import io.pikko.protocol.GlobPattern;
import io.pikko.protocol.SlotHash;


import static io.pikko.storage.TestStores.b;
import static io.pikko.storage.TestStores.read;
import static io.pikko.storage.TestStores.s;
import static io.pikko.storage.TestStores.set;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlotKeyspaceTest {
    private static final int DBS = 16;
    private static final long NOW = 1_000_000;

    @TempDir
    Path dir;

    private PikkoStore store;

    @BeforeEach
    void open() {
        store = TestStores.open(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static void putAll(SlotKeyspace keyspace, int db, List<String> keys, KeyType type, long expireAt) {
        try (SlotBatch batch = keyspace.begin(NOW)) {
            for (String key : keys) {
                batch.put(db, b(key), new KeyMeta(type, 0, expireAt, b("v-" + key)));
            }
            batch.commit();
        }
    }

    private static List<String> range(String prefix, int n) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(prefix + i);
        }
        return keys;
    }

    /** Runs a whole scan, checking every page, and returns the keys in the order returned. */
    private static List<String> scanAll(SlotKeyspace keyspace, int db, int count, GlobPattern match, KeyType type,
            long now, int[] pages) {
        List<String> all = new ArrayList<>();
        byte[] cursor = null;
        int n = 0;
        do {
            ScanPage page = keyspace.scan(db, cursor, count, match, type, now);
            assertTrue(page.keys().size() <= Math.max(1, count), "a page returns at most count keys");
            page.keys().forEach(k -> all.add(s(k)));
            cursor = page.continueAfter();
            assertTrue(++n <= 100_000, "scan does not end");
        } while (cursor != null);
        pages[0] = n;
        return all;
    }

    @Test
    void scanVisitsEveryKeyExactlyOnce() {
        SlotKeyspace keyspace = new SlotKeyspace(store, 77, DBS);
        List<String> keys = range("key:", 1000);
        putAll(keyspace, 3, keys, KeyType.STRING, 0);
        // neighbours that must not leak into the scan
        putAll(keyspace, 2, range("db2:", 10), KeyType.STRING, 0);
        putAll(keyspace, 4, range("db4:", 10), KeyType.STRING, 0);
        putAll(new SlotKeyspace(store, 76, DBS), 3, range("s76:", 10), KeyType.STRING, 0);
        putAll(new SlotKeyspace(store, 78, DBS), 3, range("s78:", 10), KeyType.STRING, 0);

        int[] pages = new int[1];
        List<String> scanned = scanAll(keyspace, 3, 7, null, null, NOW, pages);
        assertEquals(1000, scanned.size());
        assertEquals(new HashSet<>(keys), new HashSet<>(scanned), "every key once, nothing else");
        assertEquals((1000 + 6) / 7, pages[0], "7 keys examined per page");
        assertEquals(new TreeSet<>(scanned).stream().toList(), scanned, "pages walk keys in byte order");
    }

    @Test
    void scanCursorIsTheLastExaminedKey() {
        SlotKeyspace keyspace = new SlotKeyspace(store, 1, DBS);
        putAll(keyspace, 0, List.of("a", "b", "c", "d", "e"), KeyType.STRING, 0);
        ScanPage first = keyspace.scan(0, null, 2, null, null, NOW);
        assertEquals(List.of("a", "b"), first.keys().stream().map(TestStores::s).toList());
        assertArrayEquals(b("b"), first.continueAfter());
        ScanPage second = keyspace.scan(0, first.continueAfter(), 2, null, null, NOW);
        assertEquals(List.of("c", "d"), second.keys().stream().map(TestStores::s).toList());
        ScanPage last = keyspace.scan(0, second.continueAfter(), 2, null, null, NOW);
        assertEquals(List.of("e"), last.keys().stream().map(TestStores::s).toList());
        assertNull(last.continueAfter(), "done");
        // a page that ends exactly on the last key is also the last page
        ScanPage exact = keyspace.scan(0, first.continueAfter(), 3, null, null, NOW);
        assertEquals(List.of("c", "d", "e"), exact.keys().stream().map(TestStores::s).toList());
        assertNull(exact.continueAfter());
        // resuming after a key that has since been deleted carries on from where it was
        try (SlotBatch batch = keyspace.begin(NOW)) {
            batch.delete(0, b("b"));
            batch.commit();
        }
        assertEquals(List.of("c", "d"),
                keyspace.scan(0, b("b"), 2, null, null, NOW).keys().stream().map(TestStores::s).toList());
        // an empty db scans as one empty, finished page
        ScanPage empty = keyspace.scan(5, null, 10, null, null, NOW);
        assertEquals(List.of(), empty.keys());
        assertNull(empty.continueAfter());
    }

    @Test
    void scanWithCountBelowOneStillAdvances() {
        SlotKeyspace keyspace = new SlotKeyspace(store, 1, DBS);
        putAll(keyspace, 0, List.of("a", "b", "c"), KeyType.STRING, 0);
        int[] pages = new int[1];
        assertEquals(List.of("a", "b", "c"), scanAll(keyspace, 0, 0, null, null, NOW, pages));
    }

    @Test
    void scanHonoursMatch() {
        SlotKeyspace keyspace = new SlotKeyspace(store, 9, DBS);
        putAll(keyspace, 0, range("user:", 300), KeyType.STRING, 0);
        putAll(keyspace, 0, range("order:", 300), KeyType.STRING, 0);
        int[] pages = new int[1];
        List<String> users = scanAll(keyspace, 0, 10, GlobPattern.of(b("user:*")), null, NOW, pages);
        assertEquals(new HashSet<>(range("user:", 300)), new HashSet<>(users));
        assertEquals(300, users.size());
        assertEquals(60, pages[0], "MATCH filters after examining: COUNT still bounds the walk");

        List<String> some = scanAll(keyspace, 0, 10, GlobPattern.of(b("order:1?")), null, NOW, pages);
        assertEquals(Set.copyOf(range("order:1", 10)), new HashSet<>(some));
        assertEquals(10, some.size());
    }

    @Test
    void scanHonoursType() {
        SlotKeyspace keyspace = new SlotKeyspace(store, 9, DBS);
        putAll(keyspace, 1, range("s", 40), KeyType.STRING, 0);
        putAll(keyspace, 1, range("h", 30), KeyType.HASH, 0);
        putAll(keyspace, 1, range("z", 20), KeyType.ZSET, 0);
        int[] pages = new int[1];
        assertEquals(Set.copyOf(range("h", 30)), Set.copyOf(scanAll(keyspace, 1, 8, null, KeyType.HASH, NOW, pages)));
        assertEquals(Set.copyOf(range("z", 20)), Set.copyOf(scanAll(keyspace, 1, 8, null, KeyType.ZSET, NOW, pages)));
        assertEquals(List.of(), scanAll(keyspace, 1, 8, null, KeyType.LIST, NOW, pages));
        assertEquals(Set.of("h1", "h10", "h11", "h12", "h13", "h14", "h15", "h16", "h17", "h18", "h19"),
                Set.copyOf(scanAll(keyspace, 1, 8, GlobPattern.of(b("?1*")), KeyType.HASH, NOW, pages)),
                "MATCH and TYPE together");
    }

    @Test
    void scanAndKeysSkipExpiredKeys() {
        SlotKeyspace keyspace = new SlotKeyspace(store, 12, DBS);
        putAll(keyspace, 0, range("live", 25), KeyType.STRING, 0);
        putAll(keyspace, 0, range("later", 25), KeyType.STRING, NOW + 10);
        putAll(keyspace, 0, range("gone", 25), KeyType.STRING, NOW - 1);
        int[] pages = new int[1];
        Set<String> atNow = new HashSet<>(range("live", 25));
        atNow.addAll(range("later", 25));
        assertEquals(atNow, Set.copyOf(scanAll(keyspace, 0, 4, null, null, NOW, pages)));
        assertEquals(Set.copyOf(range("live", 25)), Set.copyOf(scanAll(keyspace, 0, 4, null, null, NOW + 10, pages)));
        assertEquals(atNow, Set.copyOf(keyspace.keys(0, null, NOW).stream().map(TestStores::s).toList()));
        assertEquals(Set.copyOf(range("live", 25)),
                Set.copyOf(keyspace.keys(0, null, NOW + 10).stream().map(TestStores::s).toList()));
        assertEquals(75, keyspace.count(0), "scanning removes nothing: DBSIZE still counts the expired");
    }

    @Test
    void keysListsTheMatchingLiveKeysOfOneDbAndSlot() {
        SlotKeyspace keyspace = new SlotKeyspace(store, 100, DBS);
        putAll(keyspace, 7, List.of("apple", "apricot", "banana", ""), KeyType.STRING, 0);
        putAll(keyspace, 8, List.of("avocado"), KeyType.STRING, 0);
        putAll(new SlotKeyspace(store, 101, DBS), 7, List.of("almond"), KeyType.STRING, 0);

        assertEquals(List.of("", "apple", "apricot", "banana"),
                keyspace.keys(7, null, NOW).stream().map(TestStores::s).toList());
        assertEquals(List.of("", "apple", "apricot", "banana"),
                keyspace.keys(7, GlobPattern.of(b("*")), NOW).stream().map(TestStores::s).toList());
        assertEquals(List.of("apple", "apricot"),
                keyspace.keys(7, GlobPattern.of(b("a*")), NOW).stream().map(TestStores::s).toList());
        assertEquals(List.of("banana"),
                keyspace.keys(7, GlobPattern.of(b("*an?n*")), NOW).stream().map(TestStores::s).toList());
        assertEquals(List.of(), keyspace.keys(7, GlobPattern.of(b("avocado")), NOW));
        assertEquals(List.of(), keyspace.keys(9, null, NOW));
    }

    @Test
    void flushEmptiesOnlyThatDbOfThatSlot() {
        SlotKeyspace slot3 = new SlotKeyspace(store, 3, DBS);
        SlotKeyspace slot4 = new SlotKeyspace(store, 4, DBS);
        putAll(slot3, 0, range("a", 50), KeyType.STRING, 0);
        putAll(slot3, 1, range("b", 20), KeyType.STRING, 0);
        putAll(slot4, 0, range("c", 30), KeyType.STRING, 0);
        putAll(new SlotKeyspace(store, 2, DBS), 0, range("d", 5), KeyType.STRING, 0);
        assertEquals(50, slot3.count(0));

        slot3.flush(0);

        assertEquals(0, slot3.count(0));
        assertEquals(List.of(), slot3.keys(0, null, NOW));
        assertNull(read(slot3, 0, "a1", NOW));
        assertEquals(20, slot3.count(1));
        assertEquals("v-b1", read(slot3, 1, "b1", NOW));
        assertEquals(30, slot4.count(0));
        assertEquals("v-c1", read(slot4, 0, "c1", NOW));
        // what is on disk agrees: fresh keyspaces recount
        assertEquals(0, new SlotKeyspace(store, 3, DBS).count(0));
        assertEquals(20, new SlotKeyspace(store, 3, DBS).count(1));
        assertEquals(30, new SlotKeyspace(store, 4, DBS).count(0));
        assertEquals(5, new SlotKeyspace(store, 2, DBS).count(0));

        // the flushed db takes new keys and counts them from zero
        set(slot3, 0, "fresh", "v");
        assertEquals(1, slot3.count(0));
        assertEquals(List.of("fresh"), slot3.keys(0, null, NOW).stream().map(TestStores::s).toList());
    }

    @Test
    void flushOfTheLastSlotLeavesTheNextDbAlone() {
        // slot 1023 of db 0 and slot 0 of db 1 are neighbours in the key order
        SlotKeyspace last = new SlotKeyspace(store, SlotHash.SLOTS - 1, DBS);
        SlotKeyspace first = new SlotKeyspace(store, 0, DBS);
        set(last, 0, "x", "1");
        set(first, 1, "y", "2");
        last.flush(0);
        assertEquals(0, last.count(0));
        assertEquals("2", read(first, 1, "y", NOW));
        assertEquals(1, new SlotKeyspace(store, 0, DBS).count(1));
    }

    @Test
    void randomKeyReturnsOnlyLiveKeys() {
        SlotKeyspace keyspace = new SlotKeyspace(store, 30, DBS);
        assertNull(keyspace.randomKey(0, NOW), "empty db");

        List<String> live = List.of("b", "d", "f", "h", "j");
        try (SlotBatch batch = keyspace.begin(NOW)) {
            for (String key : List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j")) {
                long expireAt = live.contains(key) ? NOW + 500 : NOW - 1;
                batch.put(0, b(key), KeyMeta.string(b(key), expireAt));
            }
            batch.commit();
        }
        set(keyspace, 1, "other-db", "v");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            byte[] key = keyspace.randomKey(0, NOW);
            assertNotNull(key);
            assertTrue(live.contains(s(key)), "returned expired or foreign key " + s(key));
            seen.add(s(key));
        }
        assertEquals(Set.copyOf(live), seen, "every live key can come up");

        // later every key has expired: all still counted, but there is no live key to return
        assertEquals(10, keyspace.count(0));
        for (int i = 0; i < 20; i++) {
            assertNull(keyspace.randomKey(0, NOW + 500));
        }
        assertEquals("other-db", s(keyspace.randomKey(1, NOW)));
    }

    @Test
    void countsSurviveReopening() {
        SlotKeyspace a = new SlotKeyspace(store, 11, DBS);
        SlotKeyspace c = new SlotKeyspace(store, 1023, DBS);
        putAll(a, 0, range("k", 120), KeyType.STRING, 0);
        putAll(a, 15, range("k", 7), KeyType.HASH, 0);
        putAll(a, 2, range("t", 5), KeyType.STRING, NOW - 1); // expired, never accessed: still counted
        putAll(c, 0, range("k", 3), KeyType.STRING, 0);
        try (SlotBatch batch = a.begin(NOW)) {
            for (int i = 0; i < 20; i++) {
                batch.delete(0, b("k" + i));
            }
            batch.commit();
        }
        long[] before = new long[DBS];
        for (int db = 0; db < DBS; db++) {
            before[db] = a.count(db);
        }
        assertEquals(100, before[0]);
        assertEquals(7, before[15]);
        assertEquals(5, before[2]);

        store.close();
        store = TestStores.open(dir);

        SlotKeyspace reopened = new SlotKeyspace(store, 11, DBS);
        for (int db = 0; db < DBS; db++) {
            assertEquals(before[db], reopened.count(db), "db " + db);
        }
        assertEquals(3, new SlotKeyspace(store, 1023, DBS).count(0));
        assertEquals(0, new SlotKeyspace(store, 12, DBS).count(0));
        assertEquals("v-k20", read(reopened, 0, "k20", NOW));
        assertNull(read(reopened, 0, "k19", NOW));
        assertFalse(reopened.keys(15, null, NOW).isEmpty());
    }

    @Test
    void keyspaceReportsItsShape() {
        SlotKeyspace keyspace = new SlotKeyspace(store, 42, 3);
        assertEquals(42, keyspace.slot());
        assertEquals(3, keyspace.databases());
        for (int db = 0; db < 3; db++) {
            assertEquals(0, keyspace.count(db));
        }
    }
}
