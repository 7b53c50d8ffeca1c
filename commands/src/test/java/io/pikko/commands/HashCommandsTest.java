package io.pikko.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The hash commands reply as Redis 7.0.15 does (expected replies and error texts were taken from a
 * real redis-server); where Redis's order is undefined, replies are compared as sets.
 */
class HashCommandsTest extends CommandTest {
    static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    static final String SYNTAX = "ERR syntax error";

    /** A reply of strings as a sorted set of them, for replies Redis gives in no set order. */
    @SuppressWarnings("unchecked")
    private Set<String> unordered(String... args) {
        return new TreeSet<>((List<String>) call(args));
    }

    /** A flat field-value reply as a map. */
    @SuppressWarnings("unchecked")
    private Map<String, String> pairs(String... args) {
        List<String> flat = (List<String>) call(args);
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < flat.size(); i += 2) {
            map.put(flat.get(i), flat.get(i + 1));
        }
        assertEquals(flat.size() / 2, map.size(), "duplicate fields in " + flat);
        return map;
    }

    private void hset(String key, Map<String, String> fields) {
        List<String> args = new ArrayList<>();
        fields.forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        call("HSET", key, args);
    }

    @Test
    void hsetCountsNewFieldsAndOverwrites() {
        assertReply(2, "HSET", "h", "a", "1", "b", "2");
        assertReply(1, "HSET", "h", "a", "10", "c", "3");
        assertReply(0, "HSET", "h", "a", "11");
        assertReply("11", "HGET", "h", "a");
        assertReply("3", "HGET", "h", "c");
        assertReply(null, "HGET", "h", "nope");
        assertReply(null, "HGET", "nokey", "a");
        assertReply(3, "HLEN", "h");
        // A field given twice counts once and keeps the last value.
        assertReply(1, "HSET", "h", "d", "x", "d", "y");
        assertReply("y", "HGET", "h", "d");
        assertReply(1, "HSET", "h", "", "empty field");
        assertReply("empty field", "HGET", "h", "");
        assertReply(1, "HSET", "h", "e", "");
        assertReply("", "HGET", "h", "e");
        assertError("ERR wrong number of arguments for 'hset' command", "HSET", "h", "a", "1", "b");
        assertError("ERR wrong number of arguments for 'hset' command", "HSET", "h", "a");
        assertReply(6, "HLEN", "h");
    }

    @Test
    void hmsetRepliesOk() {
        assertReply("OK", "HMSET", "h", "a", "1", "b", "2");
        assertReply("OK", "HMSET", "h", "a", "3");
        assertEquals(List.of("3", "2"), call("HMGET", "h", "a", "b"));
        assertError("ERR wrong number of arguments for 'hmset' command", "HMSET", "h", "a", "1", "b");
        assertReply("hash", "TYPE", "h");
    }

    @Test
    void hsetnxSetsOnlyNewFields() {
        assertReply(1, "HSETNX", "h", "a", "1");
        assertReply(0, "HSETNX", "h", "a", "2");
        assertReply("1", "HGET", "h", "a");
        assertReply(1, "HSETNX", "h", "b", "2");
        assertReply(2, "HLEN", "h");
    }

    @Test
    void hmgetAnswersNilForMissingFieldsAndKeys() {
        hset("h", Map.of("a", "1", "b", "2"));
        List<String> nils = new ArrayList<>();
        nils.add(null);
        nils.add("2");
        nils.add("1");
        nils.add(null);
        assertEquals(nils, call("HMGET", "h", "x", "b", "a", "y"));
        nils.replaceAll(v -> null);
        assertEquals(nils, call("HMGET", "nokey", "x", "b", "a", "y"));
    }

    @Test
    void hdelRemovesFieldsAndTheKeyWithTheLast() {
        hset("h", Map.of("a", "1", "b", "2", "c", "3"));
        assertReply(1, "HDEL", "h", "a", "nope");
        assertReply(1, "HDEL", "h", "b", "b");
        assertReply(0, "HDEL", "h", "b");
        assertReply(1, "HLEN", "h");
        assertReply(0, "HDEL", "nokey", "a");
        assertReply(1, "HDEL", "h", "c");
        assertReply(0, "EXISTS", "h");
        assertReply("none", "TYPE", "h");
        assertReply(0, "HLEN", "h");
        assertEquals(0, harness.dbsize());
    }

    @Test
    void hlenHstrlenHexists() {
        hset("h", Map.of("a", "hello", "n", "12345", "e", ""));
        assertReply(3, "HLEN", "h");
        assertReply(0, "HLEN", "nokey");
        assertReply(5, "HSTRLEN", "h", "a");
        assertReply(5, "HSTRLEN", "h", "n");
        assertReply(0, "HSTRLEN", "h", "e");
        assertReply(0, "HSTRLEN", "h", "nope");
        assertReply(0, "HSTRLEN", "nokey", "a");
        assertReply(1, "HEXISTS", "h", "e");
        assertReply(0, "HEXISTS", "h", "nope");
        assertReply(0, "HEXISTS", "nokey", "a");
    }

    @Test
    void hkeysHvalsHgetall() {
        hset("h", Map.of("a", "1", "b", "2", "c", "2"));
        assertEquals(new TreeSet<>(List.of("a", "b", "c")), unordered("HKEYS", "h"));
        assertEquals(List.of("1", "2", "2"), new ArrayList<>(((List<?>) call("HVALS", "h")).stream().map(String::valueOf).sorted().toList()));
        assertEquals(Map.of("a", "1", "b", "2", "c", "2"), pairs("HGETALL", "h"));
        assertReply(List.of(), "HKEYS", "nokey");
        assertReply(List.of(), "HVALS", "nokey");
        assertReply(List.of(), "HGETALL", "nokey");
    }

    @Test
    void hincrby() {
        assertReply(5, "HINCRBY", "h", "n", "5");
        assertReply(2, "HINCRBY", "h", "n", "-3");
        assertReply("2", "HGET", "h", "n");
        assertReply(1, "HLEN", "h");
        assertError(NOT_INTEGER, "HINCRBY", "h", "n", "1.5");
        assertError(NOT_INTEGER, "HINCRBY", "h", "n", "abc");
        assertError(NOT_INTEGER, "HINCRBY", "h", "n", "9223372036854775808");
        // A bad increment is refused before the key is even looked at.
        assertError(NOT_INTEGER, "HINCRBY", "nokey", "n", "x");
        assertReply(0, "EXISTS", "nokey");
        hset("h", Map.of("s", "abc", "sp", " 1", "big", "9223372036854775807", "small", "-9223372036854775808", "z", "01"));
        assertError("ERR hash value is not an integer", "HINCRBY", "h", "s", "1");
        assertError("ERR hash value is not an integer", "HINCRBY", "h", "sp", "1");
        assertError("ERR hash value is not an integer", "HINCRBY", "h", "z", "1");
        assertError("ERR increment or decrement would overflow", "HINCRBY", "h", "big", "1");
        assertError("ERR increment or decrement would overflow", "HINCRBY", "h", "small", "-1");
        assertReply(9223372036854775806L, "HINCRBY", "h", "big", "-1");
        assertReply(-1, "HINCRBY", "h", "small", "9223372036854775807");
        assertReply("-1", "HGET", "h", "small");
    }

    @Test
    void hincrbyfloat() {
        assertReply("10.5", "HINCRBYFLOAT", "h", "f", "10.5");
        assertReply("10.6", "HINCRBYFLOAT", "h", "f", "0.1");
        assertReply("5000", "HINCRBYFLOAT", "h", "g", "5.0e3");
        assertReply("5200", "HINCRBYFLOAT", "h", "g", "2.0e2");
        hset("h", Map.of("i", "3", "s", "abc", "inf", "inf", "sp", " 1"));
        assertReply("4.5", "HINCRBYFLOAT", "h", "i", "1.5");
        assertReply("4.5", "HGET", "h", "i");
        assertReply("0", "HINCRBYFLOAT", "h", "i", "-4.5");
        assertError("ERR value is not a valid float", "HINCRBYFLOAT", "h", "f", "abc");
        assertError("ERR value is not a valid float", "HINCRBYFLOAT", "h", "f", "nan");
        assertError("ERR value is not a valid float", "HINCRBYFLOAT", "h", "f", "1e5000");
        assertError("ERR value is NaN or Infinity", "HINCRBYFLOAT", "h", "f", "inf");
        assertError("ERR value is NaN or Infinity", "HINCRBYFLOAT", "nokey", "f", "-inf");
        assertReply(0, "EXISTS", "nokey");
        assertError("ERR hash value is not a float", "HINCRBYFLOAT", "h", "s", "1");
        assertError("ERR hash value is not a float", "HINCRBYFLOAT", "h", "sp", "1");
        assertError("ERR increment would produce NaN or Infinity", "HINCRBYFLOAT", "h", "inf", "1");
        assertReply("9223372036854775808", "HINCRBYFLOAT", "h", "m", "9223372036854775808.5");
        assertReply("0.1", "HINCRBYFLOAT", "h", "tenth", "0.1");
        assertReply("0.3", "HINCRBYFLOAT", "h", "tenth", "0.2");
        assertReply("16", "HINCRBYFLOAT", "h", "x", "0x10");
        assertReply(1, "HSET", "h", "hex", "0x10");
        assertReply("17", "HINCRBYFLOAT", "h", "hex", "1");
    }

    @Test
    void hrandfieldWithoutCount() {
        assertReply(null, "HRANDFIELD", "nokey");
        hset("h", Map.of("a", "1", "b", "2", "c", "3"));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            seen.add((String) call("HRANDFIELD", "h"));
        }
        assertEquals(Set.of("a", "b", "c"), seen, "every field comes up sooner or later");
    }

    @Test
    @SuppressWarnings("unchecked")
    void hrandfieldWithCount() {
        Map<String, String> hash = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            hash.put("f" + i, "v" + i);
        }
        hset("h", hash);
        for (int count : new int[] {1, 5, 49, 50, 51, 1000}) {
            List<String> fields = (List<String>) call("HRANDFIELD", "h", Integer.toString(count));
            assertEquals(Math.min(count, 50), fields.size());
            assertEquals(fields.size(), new HashSet<>(fields).size(), "a positive count gives distinct fields");
            assertTrue(hash.keySet().containsAll(fields));
        }
        List<String> repeated = (List<String>) call("HRANDFIELD", "h", "-200");
        assertEquals(200, repeated.size());
        assertTrue(hash.keySet().containsAll(repeated));
        assertTrue(new HashSet<>(repeated).size() < 200, "a negative count may repeat fields");
        Map<String, String> withValues = pairs("HRANDFIELD", "h", "7", "WITHVALUES");
        assertEquals(7, withValues.size());
        withValues.forEach((field, value) -> assertEquals(hash.get(field), value));
        List<String> flat = (List<String>) call("HRANDFIELD", "h", "-60", "withvalues");
        assertEquals(120, flat.size());
        for (int i = 0; i < flat.size(); i += 2) {
            assertEquals(hash.get(flat.get(i)), flat.get(i + 1));
        }
        assertEquals(hash, pairs("HRANDFIELD", "h", "100", "WITHVALUES"));
        assertReply(List.of(), "HRANDFIELD", "h", "0");
        assertReply(List.of(), "HRANDFIELD", "nokey", "5");
        assertReply(List.of(), "HRANDFIELD", "nokey", "-5", "WITHVALUES");
    }

    @Test
    void hrandfieldErrors() {
        call("HSET", "h", "a", "1");
        assertError(NOT_INTEGER, "HRANDFIELD", "h", "abc");
        assertError(NOT_INTEGER, "HRANDFIELD", "h", "abc", "WITHVALUES", "x");
        assertError("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807",
                "HRANDFIELD", "h", "-9223372036854775808");
        assertError(SYNTAX, "HRANDFIELD", "h", "1", "WITHVALUE");
        assertError(SYNTAX, "HRANDFIELD", "h", "1", "WITHVALUES", "x");
        assertError(SYNTAX, "HRANDFIELD", "nokey", "1", "x");
        assertError("ERR value is out of range", "HRANDFIELD", "h", "9223372036854775807", "WITHVALUES");
        assertError("ERR value is out of range", "HRANDFIELD", "h", "-4611686018427387904", "WITHVALUES");
        call("SET", "s", "v");
        assertError(WRONGTYPE, "HRANDFIELD", "s");
        assertError(WRONGTYPE, "HRANDFIELD", "s", "3");
        assertError(NOT_INTEGER, "HRANDFIELD", "s", "x");
    }

    @Test
    @SuppressWarnings("unchecked")
    void hscanWalksEveryField() {
        Map<String, String> hash = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            hash.put("field:" + i, "value:" + i);
        }
        hset("h", hash);
        for (String count : new String[] {"1", "7", "10", "100", "5000"}) {
            Map<String, String> seen = new HashMap<>();
            String cursor = "0";
            int calls = 0;
            do {
                List<Object> page = (List<Object>) call("HSCAN", "h", cursor, "COUNT", count);
                cursor = (String) page.get(0);
                List<String> items = (List<String>) page.get(1);
                for (int i = 0; i < items.size(); i += 2) {
                    seen.put(items.get(i), items.get(i + 1));
                }
                calls++;
            } while (!cursor.equals("0") && calls < 5000);
            assertEquals(hash, seen, "COUNT " + count);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void hscanMatchAndArguments() {
        hset("h", Map.of("apple", "1", "avocado", "2", "banana", "3"));
        Map<String, String> matched = new HashMap<>();
        String cursor = "0";
        do {
            List<Object> page = (List<Object>) call("HSCAN", "h", cursor, "MATCH", "a*", "COUNT", "1");
            cursor = (String) page.get(0);
            List<String> items = (List<String>) page.get(1);
            for (int i = 0; i < items.size(); i += 2) {
                matched.put(items.get(i), items.get(i + 1));
            }
        } while (!cursor.equals("0"));
        assertEquals(Map.of("apple", "1", "avocado", "2"), matched);
        assertEquals(List.of("0", List.of()), call("HSCAN", "nokey", "0"));
        // The options of a scan over a missing key are not read.
        assertEquals(List.of("0", List.of()), call("HSCAN", "nokey", "0", "COUNT", "0"));
        assertEquals(List.of("0", List.of()), call("HSCAN", "h", "0", "MATCH", "zzz*", "COUNT", "100"));
        // The last of a repeated option wins.
        assertEquals(List.of("0", List.of("banana", "3")), call("HSCAN", "h", "0", "MATCH", "a*", "MATCH", "b*", "COUNT", "100"));
        assertError("ERR invalid cursor", "HSCAN", "h", "abc");
        assertError("ERR invalid cursor", "HSCAN", "h", " 1");
        assertError("ERR invalid cursor", "HSCAN", "h", "1 ");
        assertError("ERR invalid cursor", "HSCAN", "h", "0x1");
        assertError("ERR invalid cursor", "HSCAN", "h", "18446744073709551616");
        assertError("ERR invalid cursor", "HSCAN", "nokey", "-");
        assertError(SYNTAX, "HSCAN", "h", "0", "COUNT", "0");
        assertError(SYNTAX, "HSCAN", "h", "0", "COUNT", "-1");
        assertError(NOT_INTEGER, "HSCAN", "h", "0", "COUNT", "abc");
        assertError(SYNTAX, "HSCAN", "h", "0", "MATCH");
        assertError(SYNTAX, "HSCAN", "h", "0", "TYPE", "string");
        assertError(SYNTAX, "HSCAN", "h", "0", "NOVALUES");
        call("SET", "s", "v");
        assertError(WRONGTYPE, "HSCAN", "s", "0");
        assertError("ERR invalid cursor", "HSCAN", "s", "x");
    }

    @Test
    void hscanCursorEdges() {
        hset("h", Map.of("a", "1", "b", "2", "c", "3"));
        for (String start : new String[] {"", "+0", "-0", "000"}) {
            assertEquals(Map.of("a", "1", "b", "2", "c", "3"), hscanFrom(start), "starting at '" + start + "'");
        }
        // A cursor this slot never handed out (any unsigned 64-bit number) restarts the walk, which
        // then still returns every field.
        for (String unknown : new String[] {"3", "100", "18446744073709551615", "-1"}) {
            assertEquals(Map.of("a", "1", "b", "2", "c", "3"), hscanFrom(unknown), "starting at unknown cursor '" + unknown + "'");
        }
    }

    /** Every field an HSCAN of "h" returns, one field per call, from {@code cursor} until it ends. */
    @SuppressWarnings("unchecked")
    private Map<String, String> hscanFrom(String cursor) {
        Map<String, String> seen = new HashMap<>();
        do {
            List<Object> page = (List<Object>) call("HSCAN", "h", cursor, "COUNT", "1");
            cursor = (String) page.get(0);
            List<String> items = (List<String>) page.get(1);
            for (int i = 0; i < items.size(); i += 2) {
                seen.put(items.get(i), items.get(i + 1));
            }
        } while (!cursor.equals("0"));
        return seen;
    }

    @Test
    void wrongTypeBothWays() {
        call("SET", "s", "v");
        call("SADD", "set", "m");
        for (String key : new String[] {"s", "set"}) {
            assertError(WRONGTYPE, "HSET", key, "a", "1");
            assertError(WRONGTYPE, "HMSET", key, "a", "1");
            assertError(WRONGTYPE, "HSETNX", key, "a", "1");
            assertError(WRONGTYPE, "HGET", key, "a");
            assertError(WRONGTYPE, "HMGET", key, "a");
            assertError(WRONGTYPE, "HDEL", key, "a");
            assertError(WRONGTYPE, "HLEN", key);
            assertError(WRONGTYPE, "HSTRLEN", key, "a");
            assertError(WRONGTYPE, "HEXISTS", key, "a");
            assertError(WRONGTYPE, "HKEYS", key);
            assertError(WRONGTYPE, "HVALS", key);
            assertError(WRONGTYPE, "HGETALL", key);
            assertError(WRONGTYPE, "HINCRBY", key, "a", "1");
            assertError(WRONGTYPE, "HINCRBYFLOAT", key, "a", "1");
            assertError(WRONGTYPE, "HRANDFIELD", key);
            assertError(WRONGTYPE, "HSCAN", key, "0");
        }
        // Odd arguments are refused before the type is checked.
        assertError("ERR wrong number of arguments for 'hset' command", "HSET", "s", "a", "1", "b");
        call("HSET", "h", "a", "1");
        assertError(WRONGTYPE, "GET", "h");
        assertError(WRONGTYPE, "APPEND", "h", "x");
        assertError(WRONGTYPE, "INCR", "h");
        assertError(WRONGTYPE, "STRLEN", "h");
        assertError(WRONGTYPE, "SADD", "h", "x");
        assertError(WRONGTYPE, "SMEMBERS", "h");
        assertReply("1", "HGET", "h", "a");
        // SET replaces a hash whatever it holds.
        assertReply("OK", "SET", "h", "v");
        assertReply("string", "TYPE", "h");
        assertReply(1, "HSET", "h2", "a", "1");
        assertReply("hash", "TYPE", "h2");
    }

    @Test
    void expiryOnHashes() {
        hset("h", Map.of("a", "1", "b", "2"));
        assertReply(-1, "TTL", "h");
        assertReply(1, "EXPIRE", "h", "100");
        assertTtl("h", 99, 100);
        assertReply(1, "HSET", "h", "c", "3");
        assertReply(1, "HDEL", "h", "a");
        assertReply(2, "HINCRBY", "h", "n", "2");
        assertTtl("h", 99, 100);
        assertReply(1, "PERSIST", "h");
        assertReply(-1, "TTL", "h");
        assertReply(1, "PEXPIRE", "h", "100");
        advance(99);
        assertReply(3, "HLEN", "h");
        advance(1);
        assertReply(0, "HLEN", "h");
        assertReply(null, "HGET", "h", "b");
        assertReply(0, "EXISTS", "h");
        assertReply(-2, "TTL", "h");
        assertReply(1, "HSET", "h", "z", "26");
        assertEquals(Map.of("z", "26"), pairs("HGETALL", "h"));
        assertReply(-1, "TTL", "h");
        assertReply(1, "EXPIRE", "h", "0");
        assertReply(0, "EXISTS", "h");
    }

    @Test
    void delThenRecreateShowsNoOldField() {
        hset("h", Map.of("a", "1", "b", "2", "c", "3"));
        assertReply(1, "DEL", "h");
        assertReply(null, "HGET", "h", "a");
        assertReply(1, "HSET", "h", "d", "4");
        assertEquals(Map.of("d", "4"), pairs("HGETALL", "h"));
        assertReply(1, "HLEN", "h");
        assertReply(0, "HEXISTS", "h", "a");
        assertEquals(List.of("0", List.of("d", "4")), call("HSCAN", "h", "0"));
        // Replaced by a string, then deleted and made a hash again: no old field either.
        assertReply("OK", "SET", "h", "v");
        assertReply(1, "DEL", "h");
        assertReply(1, "HSET", "h", "e", "5");
        assertEquals(Map.of("e", "5"), pairs("HGETALL", "h"));
    }

    @Test
    void renameAndCopyKeepEveryField() {
        Map<String, String> hash = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            hash.put("f" + i, "v" + i);
        }
        hset("{h}a", hash);
        assertReply(1, "EXPIRE", "{h}a", "1000");
        assertReply("OK", "RENAME", "{h}a", "{h}b");
        assertReply(0, "EXISTS", "{h}a");
        assertEquals(hash, pairs("HGETALL", "{h}b"));
        assertReply(300, "HLEN", "{h}b");
        assertTtl("{h}b", 990, 1000);
        assertReply(1, "COPY", "{h}b", "{h}c");
        assertEquals(hash, pairs("HGETALL", "{h}c"));
        assertTtl("{h}c", 990, 1000);
        // The copy is independent of its source.
        assertReply(1, "HDEL", "{h}c", "f0");
        assertReply(1, "HSET", "{h}c", "new", "x");
        assertReply("v0", "HGET", "{h}b", "f0");
        assertReply(0, "HEXISTS", "{h}b", "new");
        // RENAME and COPY REPLACE onto an existing hash leave none of its old fields.
        hset("{h}d", Map.of("old", "1"));
        assertReply(0, "COPY", "{h}b", "{h}d");
        assertReply(1, "COPY", "{h}b", "{h}d", "REPLACE");
        assertEquals(hash, pairs("HGETALL", "{h}d"));
        hset("{h}e", Map.of("old", "1"));
        assertReply("OK", "RENAME", "{h}c", "{h}e");
        assertReply(0, "HEXISTS", "{h}e", "old");
        assertReply(300, "HLEN", "{h}e");
        assertReply(1, "COPY", "{h}b", "{h}b", "DB", "1");
        harness.select(1);
        assertEquals(hash, pairs("HGETALL", "{h}b"));
    }
}
