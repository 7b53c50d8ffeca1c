package io.pikko.node;

import static io.pikko.node.ConnectionCommandsTest.call;
import static io.pikko.node.ConnectionCommandsTest.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Pipeline;

/**
 * DBSIZE, FLUSHDB, FLUSHALL, KEYS, SCAN and RANDOMKEY over keys of many slots answer as Redis 7.0
 * does; SLOTSHASHKEY and SLOTSINFO as Codis does.
 */
class KeyspaceCommandsTest extends NodeTest {
    // ---- DBSIZE, FLUSHDB, FLUSHALL ----

    @Test
    void dbsizeCountsTheSelectedDatabase() {
        assertEquals(0L, jedis.dbSize());
        fill("k", 300);
        assertEquals(300L, jedis.dbSize());
        jedis.select(2);
        assertEquals(0L, jedis.dbSize());
        jedis.set("k1", "other db");
        assertEquals(1L, jedis.dbSize());
        assertEquals("ERR wrong number of arguments for 'dbsize' command", error(jedis, "DBSIZE", "x"));
    }

    @Test
    void flushdbEmptiesOnlyTheSelectedDatabase() {
        fill("zero", 200);
        jedis.select(7);
        fill("seven", 100);
        assertEquals("OK", call(jedis, "FLUSHDB"));
        assertEquals(0L, jedis.dbSize());
        jedis.select(0);
        assertEquals(200L, jedis.dbSize());
        assertEquals("v0", jedis.get("zero0"));
        assertEquals("OK", call(jedis, "FLUSHDB", "ASYNC"));
        assertEquals(0L, jedis.dbSize());
        fill("again", 10);
        assertEquals("OK", call(jedis, "FLUSHDB", "sync"));
        assertEquals(0L, jedis.dbSize());
        assertEquals("ERR syntax error", error(jedis, "FLUSHDB", "foo"));
        assertEquals("ERR syntax error", error(jedis, "FLUSHDB", "ASYNC", "SYNC"));
    }

    @Test
    void flushallEmptiesEveryDatabase() {
        for (int db = 0; db < 16; db += 5) {
            jedis.select(db);
            fill("db" + db + "-", 50);
        }
        assertEquals("OK", call(jedis, "FLUSHALL"));
        for (int db = 0; db < 16; db += 5) {
            jedis.select(db);
            assertEquals(0L, jedis.dbSize(), "db " + db);
        }
        assertEquals("ERR syntax error", error(jedis, "FLUSHALL", "foo"));
        assertEquals("OK", call(jedis, "FLUSHALL", "ASYNC"));
    }

    // ---- KEYS ----

    @Test
    void keysMatchesGlobPatterns() {
        jedis.mset("hello", "1", "hallo", "1", "hxllo", "1", "hllo", "1", "heeeello", "1", "h*llo", "1", "other", "1");
        assertEquals(Set.of("hello", "hallo", "hxllo", "hllo", "heeeello", "h*llo", "other"), jedis.keys("*"));
        assertEquals(Set.of("hello", "hallo", "hxllo", "h*llo"), jedis.keys("h?llo"));
        assertEquals(Set.of("hello", "hallo", "hxllo", "hllo", "heeeello", "h*llo"), jedis.keys("h*llo"));
        assertEquals(Set.of("hello", "hallo"), jedis.keys("h[ae]llo"));
        assertEquals(Set.of("hallo", "hxllo", "h*llo"), jedis.keys("h[^e]llo"));
        assertEquals(Set.of("hallo", "hello"), jedis.keys("h[a-e]llo"));
        assertEquals(Set.of("h*llo"), jedis.keys("h\\*llo"));
        assertEquals(Set.of(), jedis.keys("nothing*"));
        jedis.select(1);
        assertEquals(Set.of(), jedis.keys("*"));
        assertEquals("ERR wrong number of arguments for 'keys' command", error(jedis, "KEYS"));
    }

    // ---- SCAN ----

    @Test
    void scanWithCountReturnsEveryKeyOfManySlots() {
        Set<String> expected = fill("scan:", 3000);
        assertTrue(slotsOf(expected).size() > 900, "keys spread over most slots");
        for (int count : new int[] {1, 10, 500}) {
            List<String> seen = scanAll(count, null, null);
            assertEquals(expected, new HashSet<>(seen), "COUNT " + count);
        }
        jedis.select(3);
        assertEquals(List.of(), scanAll(100, null, null));
    }

    @Test
    void scanMatchAndType() {
        Set<String> users = fill("user:", 1000);
        fill("order:", 1000);
        assertEquals(users, new HashSet<>(scanAll(50, "user:*", null)));
        assertEquals(Set.of("user:10", "user:11", "user:12", "user:13", "user:14", "user:15", "user:16", "user:17",
                "user:18", "user:19"), new HashSet<>(scanAll(100, "user:1?", null)));
        assertEquals(2000, new HashSet<>(scanAll(200, null, "string")).size());
        assertEquals(List.of(), scanAll(200, null, "list"));
        assertEquals(users, new HashSet<>(scanAll(200, "user:*", "STRING")));
    }

    @Test
    void scanRefusesBadCursorsAndOptions() {
        assertEquals("ERR invalid cursor", error(jedis, "SCAN", "abc"));
        assertEquals("ERR invalid cursor", error(jedis, "SCAN", "1.5"));
        assertEquals("ERR invalid cursor", error(jedis, "SCAN", " 1"));
        assertEquals("ERR invalid cursor", error(jedis, "SCAN", "18446744073709551616"));
        assertEquals("ERR syntax error", error(jedis, "SCAN", "0", "COUNT", "0"));
        assertEquals("ERR syntax error", error(jedis, "SCAN", "0", "COUNT", "-1"));
        assertEquals("ERR value is not an integer or out of range", error(jedis, "SCAN", "0", "COUNT", "abc"));
        assertEquals("ERR syntax error", error(jedis, "SCAN", "0", "COUNT"));
        assertEquals("ERR syntax error", error(jedis, "SCAN", "0", "FOO", "bar"));
        assertEquals("ERR wrong number of arguments for 'scan' command", error(jedis, "SCAN"));
        // Like Redis's strtoul, an empty or signed cursor is still a cursor.
        assertEquals(List.of(), ((List<?>) call(jedis, "SCAN", "")).get(1));
        assertEquals(List.of(), ((List<?>) call(jedis, "SCAN", "+0")).get(1));
    }

    // ---- RANDOMKEY ----

    @Test
    void randomkeyIsNilWhenEmptyElseAnExistingKey() {
        assertNull(jedis.randomKey());
        Set<String> keys = fill("r", 50);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            String key = jedis.randomKey();
            assertTrue(keys.contains(key), key);
            seen.add(key);
        }
        assertTrue(seen.size() > 1, "not always the same key: " + seen);
        jedis.select(9);
        assertNull(jedis.randomKey());
    }

    // ---- Codis SLOTSHASHKEY, SLOTSINFO ----

    @Test
    void slotshashkeyGivesCodisSlots() {
        assertEquals(List.of(289L, 170L, 870L, 0L, 646L),
                call(jedis, "SLOTSHASHKEY", "foo", "bar", "{user1000}.following", "a{}b", "hello"));
        assertEquals(List.of(), call(jedis, "SLOTSHASHKEY"));
        for (String key : List.of("x", "{tag}1", "a{b", "}{", "long-key-" + "z".repeat(100))) {
            assertEquals(List.of((long) codisSlot(key)), call(jedis, "SLOTSHASHKEY", key), key);
        }
    }

    @Test
    void slotsinfoListsNonEmptySlotsWithTheirKeyCounts() {
        Set<String> keys = fill("s", 500);
        jedis.mset("{t}1", "a", "{t}2", "b", "{t}3", "c");
        keys.addAll(Set.of("{t}1", "{t}2", "{t}3"));
        TreeMap<Integer, Long> expected = new TreeMap<>();
        keys.forEach(k -> expected.merge(codisSlot(k), 1L, Long::sum));
        assertEquals(asReply(expected), call(jedis, "SLOTSINFO"));
        assertEquals(asReply(expected.subMap(100, true, 1023, true)), call(jedis, "SLOTSINFO", "100"));
        assertEquals(asReply(expected.subMap(100, true, 149, true)), call(jedis, "SLOTSINFO", "100", "50"));
        assertEquals(asReply(expected.subMap(1000, true, 1023, true)), call(jedis, "SLOTSINFO", "1000", "1024"));
        assertEquals(List.of(), call(jedis, "SLOTSINFO", "0", "0"));
        // Only the selected database counts.
        jedis.select(4);
        assertEquals(List.of(), call(jedis, "SLOTSINFO"));
        jedis.set("foo", "1");
        assertEquals(List.of(List.of(289L, 1L)), call(jedis, "SLOTSINFO"));
    }

    @Test
    void slotsinfoErrorsAreCodisErrors() {
        assertEquals("ERR invalid slot number = 1024", error(jedis, "SLOTSINFO", "1024"));
        assertEquals("ERR invalid slot number = -1", error(jedis, "SLOTSINFO", "-1"));
        assertEquals("ERR invalid slot count = -1", error(jedis, "SLOTSINFO", "0", "-1"));
        assertEquals("ERR value is not an integer or out of range", error(jedis, "SLOTSINFO", "abc"));
        assertEquals("ERR value is not an integer or out of range", error(jedis, "SLOTSINFO", "0", "abc"));
        assertEquals("ERR value is out of range", error(jedis, "SLOTSINFO", "4294967296"));
        assertEquals("ERR wrong number of arguments for 'slotsinfo' command", error(jedis, "SLOTSINFO", "0", "1", "2"));
    }

    // ---- helpers ----

    /** Sets prefix0..prefix(n-1) to v0..v(n-1) in the selected database; answers the key names. */
    private Set<String> fill(String prefix, int n) {
        Set<String> keys = new HashSet<>();
        Pipeline pipeline = jedis.pipelined();
        for (int i = 0; i < n; i++) {
            pipeline.set(prefix + i, "v" + i);
            keys.add(prefix + i);
        }
        pipeline.sync();
        return keys;
    }

    /** Walks SCAN from cursor 0 back to 0 and answers every key it returned, repeats included. */
    private List<String> scanAll(int count, String match, String type) {
        List<String> keys = new ArrayList<>();
        String cursor = "0";
        int calls = 0;
        do {
            List<String> args = new ArrayList<>(List.of(cursor, "COUNT", Integer.toString(count)));
            if (match != null) {
                args.addAll(List.of("MATCH", match));
            }
            if (type != null) {
                args.addAll(List.of("TYPE", type));
            }
            List<?> reply = (List<?>) call(jedis, "SCAN", args.toArray(String[]::new));
            cursor = (String) reply.get(0);
            ((List<?>) reply.get(1)).forEach(key -> keys.add((String) key));
            assertTrue(++calls < 100_000, "SCAN does not end");
        } while (!cursor.equals("0"));
        return keys;
    }

    /** Codis's slot: crc32 of the hash tag (text in the first {...}) or of the whole key, mod 1024. */
    private static int codisSlot(String key) {
        int open = key.indexOf('{');
        int close = open < 0 ? -1 : key.indexOf('}', open + 1);
        String hashed = close < 0 ? key : key.substring(open + 1, close);
        CRC32 crc = new CRC32();
        crc.update(hashed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return (int) (crc.getValue() % 1024);
    }

    private static Set<Integer> slotsOf(Set<String> keys) {
        Set<Integer> slots = new HashSet<>();
        keys.forEach(k -> slots.add(codisSlot(k)));
        return slots;
    }

    private static List<List<Long>> asReply(java.util.SortedMap<Integer, Long> counts) {
        List<List<Long>> out = new ArrayList<>();
        counts.forEach((slot, n) -> out.add(List.of((long) slot, n)));
        return out;
    }
}
