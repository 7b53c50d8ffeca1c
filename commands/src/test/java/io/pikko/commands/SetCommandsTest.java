package io.pikko.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The set commands reply as Redis 7.0.15 does (expected replies and error texts were taken from a
 * real redis-server); where Redis's order is undefined, replies are compared as sets.
 */
class SetCommandsTest extends CommandTest {
    private static final String WRONGTYPE = HashCommandsTest.WRONGTYPE;
    private static final String NOT_INTEGER = HashCommandsTest.NOT_INTEGER;
    private static final String SYNTAX = HashCommandsTest.SYNTAX;
    private static final String NOT_POSITIVE = "ERR value is out of range, must be positive";

    /** A reply of strings as a set, checking it repeats none. */
    @SuppressWarnings("unchecked")
    private Set<String> members(String... args) {
        List<String> reply = (List<String>) call(args);
        Set<String> set = new TreeSet<>(reply);
        assertEquals(reply.size(), set.size(), () -> "repeated members in " + reply);
        return set;
    }

    private static Set<String> set(String... members) {
        return new TreeSet<>(List.of(members));
    }

    @Test
    void saddSremScard() {
        assertReply(3, "SADD", "s", "a", "b", "c");
        assertReply(1, "SADD", "s", "a", "d", "d");
        assertReply(0, "SADD", "s", "a");
        assertReply(4, "SCARD", "s");
        assertReply(0, "SCARD", "nokey");
        assertReply(1, "SADD", "s", "");
        assertReply(1, "SISMEMBER", "s", "");
        assertReply(2, "SREM", "s", "a", "b", "b", "nope");
        assertReply(0, "SREM", "s", "a");
        assertReply(0, "SREM", "nokey", "a");
        assertEquals(set("", "c", "d"), members("SMEMBERS", "s"));
        assertReply(3, "SREM", "s", "c", "d", "");
        assertReply(0, "EXISTS", "s");
        assertReply("none", "TYPE", "s");
        assertEquals(0, harness.dbsize());
        assertReply(List.of(), "SMEMBERS", "s");
    }

    @Test
    void membership() {
        assertReply(3, "SADD", "s", "a", "b", "1");
        assertReply(1, "SISMEMBER", "s", "a");
        assertReply(1, "SISMEMBER", "s", "1");
        assertReply(0, "SISMEMBER", "s", "x");
        assertReply(0, "SISMEMBER", "nokey", "a");
        assertReply(List.of(1L, 0L, 1L, 1L), "SMISMEMBER", "s", "a", "x", "b", "a");
        assertReply(List.of(0L, 0L), "SMISMEMBER", "nokey", "a", "b");
        assertReply("set", "TYPE", "s");
    }

    @Test
    void srandmember() {
        assertReply(null, "SRANDMEMBER", "nokey");
        assertReply(List.of(), "SRANDMEMBER", "nokey", "5");
        assertReply(List.of(), "SRANDMEMBER", "nokey", "-5");
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            all.add("m" + i);
        }
        call("SADD", "s", all);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            seen.add((String) call("SRANDMEMBER", "s"));
        }
        assertEquals(new HashSet<>(all), seen, "every member comes up sooner or later");
        for (int count : new int[] {1, 3, 39, 40, 41, 500}) {
            Set<String> picked = members("SRANDMEMBER", "s", Integer.toString(count));
            assertEquals(Math.min(count, 40), picked.size());
            assertTrue(all.containsAll(picked));
        }
        @SuppressWarnings("unchecked")
        List<String> repeated = (List<String>) call("SRANDMEMBER", "s", "-100");
        assertEquals(100, repeated.size());
        assertTrue(all.containsAll(repeated));
        assertReply(List.of(), "SRANDMEMBER", "s", "0");
        assertReply(40, "SCARD", "s");
        assertReply(1, "SADD", "one", "x");
        assertReply(List.of("x", "x", "x"), "SRANDMEMBER", "one", "-3");
    }

    @Test
    void srandmemberErrors() {
        call("SADD", "s", "a");
        assertError(NOT_INTEGER, "SRANDMEMBER", "s", "abc");
        assertError(NOT_INTEGER, "SRANDMEMBER", "nokey", "1.5");
        assertError("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807",
                "SRANDMEMBER", "s", "-9223372036854775808");
        assertError(SYNTAX, "SRANDMEMBER", "s", "1", "2");
        assertError(SYNTAX, "SRANDMEMBER", "s", "abc", "2");
        call("SET", "str", "v");
        assertError(WRONGTYPE, "SRANDMEMBER", "str");
        assertError(WRONGTYPE, "SRANDMEMBER", "str", "2");
        assertError(NOT_INTEGER, "SRANDMEMBER", "str", "x");
    }

    @Test
    void spop() {
        assertReply(null, "SPOP", "nokey");
        assertReply(List.of(), "SPOP", "nokey", "3");
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            all.add("m" + i);
        }
        call("SADD", "s", all);
        Set<String> popped = new HashSet<>();
        String one = (String) call("SPOP", "s");
        assertTrue(all.contains(one));
        popped.add(one);
        assertReply(0, "SISMEMBER", "s", one);
        assertReply(29, "SCARD", "s");
        Set<String> five = members("SPOP", "s", "5");
        assertEquals(5, five.size());
        popped.addAll(five);
        assertEquals(6, popped.size());
        assertReply(24, "SCARD", "s");
        for (String member : popped) {
            assertReply(0, "SISMEMBER", "s", member);
        }
        assertReply(List.of(), "SPOP", "s", "0");
        Set<String> rest = members("SPOP", "s", "100");
        assertEquals(24, rest.size());
        popped.addAll(rest);
        assertEquals(new HashSet<>(all), popped);
        assertReply(0, "EXISTS", "s");
        assertReply(2, "SADD", "t", "a", "b");
        assertEquals(set("a", "b"), members("SPOP", "t", "2"));
        assertReply(0, "EXISTS", "t");
        assertReply(1, "SADD", "u", "x");
        assertReply("x", "SPOP", "u");
        assertReply(0, "EXISTS", "u");
    }

    @Test
    void spopErrors() {
        call("SADD", "s", "a");
        assertError(NOT_POSITIVE, "SPOP", "s", "-1");
        assertError(NOT_POSITIVE, "SPOP", "s", "abc");
        assertError(NOT_POSITIVE, "SPOP", "nokey", "-1");
        assertError(SYNTAX, "SPOP", "s", "1", "2");
        call("SET", "str", "v");
        assertError(WRONGTYPE, "SPOP", "str");
        assertError(WRONGTYPE, "SPOP", "str", "1");
        assertError(WRONGTYPE, "SPOP", "str", "0");
        assertReply(1, "SCARD", "s");
    }

    @Test
    void smove() {
        call("SADD", "{k}a", "x", "y");
        call("SADD", "{k}b", "y", "z");
        assertReply(1, "SMOVE", "{k}a", "{k}b", "x");
        assertEquals(set("y"), members("SMEMBERS", "{k}a"));
        assertEquals(set("x", "y", "z"), members("SMEMBERS", "{k}b"));
        assertReply(0, "SMOVE", "{k}a", "{k}b", "nope");
        // Already in the destination: it only leaves the source.
        assertReply(1, "SMOVE", "{k}a", "{k}b", "y");
        assertReply(0, "EXISTS", "{k}a");
        assertReply(3, "SCARD", "{k}b");
        assertReply(1, "SMOVE", "{k}b", "{k}new", "z");
        assertEquals(set("z"), members("SMEMBERS", "{k}new"));
        assertReply(1, "SMOVE", "{k}b", "{k}b", "x");
        assertReply(0, "SMOVE", "{k}b", "{k}b", "nope");
        assertReply(2, "SCARD", "{k}b");
        assertReply(0, "SMOVE", "{k}missing", "{k}b", "x");
        call("SET", "{k}str", "v");
        assertError(WRONGTYPE, "SMOVE", "{k}str", "{k}b", "x");
        assertError(WRONGTYPE, "SMOVE", "{k}b", "{k}str", "x");
        assertError(WRONGTYPE, "SMOVE", "{k}b", "{k}str", "nope");
        // A missing source answers 0 before the destination's type is looked at.
        assertReply(0, "SMOVE", "{k}missing", "{k}str", "x");
    }

    @Test
    void interUnionDiff() {
        call("SADD", "{k}a", "1", "2", "3", "4", "x");
        call("SADD", "{k}b", "2", "3", "x", "y");
        call("SADD", "{k}c", "3", "x", "z");
        assertEquals(set("3", "x"), members("SINTER", "{k}a", "{k}b", "{k}c"));
        assertEquals(set("2", "3", "x"), members("SINTER", "{k}a", "{k}b"));
        assertEquals(set("1", "2", "3", "4", "x"), members("SINTER", "{k}a"));
        assertEquals(set("1", "2", "3", "4", "x"), members("SINTER", "{k}a", "{k}a"));
        assertEquals(set(), members("SINTER", "{k}a", "{k}missing"));
        assertEquals(set("1", "2", "3", "4", "x", "y", "z"), members("SUNION", "{k}a", "{k}b", "{k}c", "{k}missing"));
        assertEquals(set(), members("SUNION", "{k}missing"));
        assertEquals(set("1", "4"), members("SDIFF", "{k}a", "{k}b", "{k}c"));
        assertEquals(set("1", "2", "4"), members("SDIFF", "{k}a", "{k}c", "{k}missing"));
        assertEquals(set(), members("SDIFF", "{k}a", "{k}a"));
        assertEquals(set(), members("SDIFF", "{k}missing", "{k}a"));
        call("SET", "{k}str", "v");
        assertError(WRONGTYPE, "SINTER", "{k}a", "{k}str");
        // Every key is checked, even after a missing one empties the result.
        assertError(WRONGTYPE, "SINTER", "{k}missing", "{k}str");
        assertError(WRONGTYPE, "SUNION", "{k}str", "{k}a");
        assertError(WRONGTYPE, "SDIFF", "{k}a", "{k}str");
        assertError(WRONGTYPE, "SDIFF", "{k}missing", "{k}str");
    }

    @Test
    void sintercard() {
        call("SADD", "{k}a", "1", "2", "3", "4", "x");
        call("SADD", "{k}b", "2", "3", "x", "y");
        assertReply(3, "SINTERCARD", "2", "{k}a", "{k}b");
        assertReply(5, "SINTERCARD", "1", "{k}a");
        assertReply(2, "SINTERCARD", "2", "{k}a", "{k}b", "LIMIT", "2");
        assertReply(3, "SINTERCARD", "2", "{k}a", "{k}b", "limit", "0");
        assertReply(3, "SINTERCARD", "2", "{k}a", "{k}b", "LIMIT", "10");
        assertReply(1, "SINTERCARD", "2", "{k}a", "{k}b", "LIMIT", "5", "LIMIT", "1");
        assertReply(0, "SINTERCARD", "2", "{k}a", "{k}missing");
        String numKeys = "ERR numkeys should be greater than 0";
        assertError(numKeys, "SINTERCARD", "0", "{k}a");
        assertError(numKeys, "SINTERCARD", "-1", "{k}a");
        assertError(numKeys, "SINTERCARD", "abc", "{k}a");
        assertError("ERR Number of keys can't be greater than number of args", "SINTERCARD", "3", "{k}a", "{k}b");
        assertError(SYNTAX, "SINTERCARD", "1", "{k}a", "LIMIT");
        assertError(SYNTAX, "SINTERCARD", "1", "{k}a", "{k}b");
        assertError("ERR LIMIT can't be negative", "SINTERCARD", "1", "{k}a", "LIMIT", "-1");
        assertError("ERR LIMIT can't be negative", "SINTERCARD", "1", "{k}a", "LIMIT", "x");
        call("SET", "{k}str", "v");
        assertError(WRONGTYPE, "SINTERCARD", "2", "{k}missing", "{k}str");
    }

    @Test
    void storeVariants() {
        call("SADD", "{k}a", "1", "2", "3", "x");
        call("SADD", "{k}b", "2", "3", "y");
        assertReply(2, "SINTERSTORE", "{k}i", "{k}a", "{k}b");
        assertEquals(set("2", "3"), members("SMEMBERS", "{k}i"));
        assertReply(5, "SUNIONSTORE", "{k}u", "{k}a", "{k}b");
        assertEquals(set("1", "2", "3", "x", "y"), members("SMEMBERS", "{k}u"));
        assertReply(2, "SDIFFSTORE", "{k}d", "{k}a", "{k}b");
        assertEquals(set("1", "x"), members("SMEMBERS", "{k}d"));
        // The destination is replaced whatever it held, and loses its TTL.
        call("SET", "{k}str", "v");
        assertReply(1, "EXPIRE", "{k}str", "100");
        assertReply(3, "SUNIONSTORE", "{k}str", "{k}b");
        assertReply("set", "TYPE", "{k}str");
        assertReply(-1, "TTL", "{k}str");
        assertReply(1, "EXPIRE", "{k}u", "100");
        assertReply(2, "SINTERSTORE", "{k}u", "{k}a", "{k}b");
        assertEquals(set("2", "3"), members("SMEMBERS", "{k}u"));
        assertReply(-1, "TTL", "{k}u");
        // An empty result deletes the destination.
        assertReply(0, "SINTERSTORE", "{k}u", "{k}a", "{k}missing");
        assertReply(0, "EXISTS", "{k}u");
        assertReply(0, "SDIFFSTORE", "{k}d", "{k}a", "{k}a");
        assertReply(0, "EXISTS", "{k}d");
        assertReply(0, "SUNIONSTORE", "{k}str", "{k}missing");
        assertReply(0, "EXISTS", "{k}str");
        // A source may be the destination.
        assertReply(2, "SDIFFSTORE", "{k}a", "{k}a", "{k}i");
        assertEquals(set("1", "x"), members("SMEMBERS", "{k}a"));
        assertReply(2, "SCARD", "{k}a");
        assertReply(5, "SUNIONSTORE", "{k}a", "{k}a", "{k}b");
        assertEquals(set("1", "2", "3", "x", "y"), members("SMEMBERS", "{k}a"));
        call("SET", "{k}str", "v");
        assertError(WRONGTYPE, "SINTERSTORE", "{k}i", "{k}a", "{k}str");
        assertError(WRONGTYPE, "SDIFFSTORE", "{k}i", "{k}missing", "{k}str");
        assertEquals(set("2", "3"), members("SMEMBERS", "{k}i"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void sscanWalksEveryMember() {
        Set<String> all = new HashSet<>();
        for (int i = 0; i < 700; i++) {
            all.add("member:" + i);
        }
        call("SADD", "s", all);
        for (String count : new String[] {"1", "10", "333", "1000"}) {
            Set<String> seen = new HashSet<>();
            String cursor = "0";
            int calls = 0;
            do {
                List<Object> page = (List<Object>) call("SSCAN", "s", cursor, "COUNT", count);
                cursor = (String) page.get(0);
                seen.addAll((List<String>) page.get(1));
                calls++;
            } while (!cursor.equals("0") && calls < 2000);
            assertEquals(all, seen, "COUNT " + count);
        }
        Set<String> matched = new HashSet<>();
        String cursor = "0";
        do {
            List<Object> page = (List<Object>) call("SSCAN", "s", cursor, "MATCH", "member:1?");
            cursor = (String) page.get(0);
            matched.addAll((List<String>) page.get(1));
        } while (!cursor.equals("0"));
        assertEquals(set("member:10", "member:11", "member:12", "member:13", "member:14", "member:15", "member:16",
                "member:17", "member:18", "member:19"), new TreeSet<>(matched));
    }

    @Test
    void sscanArguments() {
        call("SADD", "s", "a", "b");
        assertEquals(List.of("0", List.of()), call("SSCAN", "nokey", "0"));
        assertEquals(List.of("0", List.of()), call("SSCAN", "nokey", "0", "BAD"));
        assertEquals(List.of("0", List.of("b")), call("SSCAN", "s", "0", "MATCH", "b"));
        assertError("ERR invalid cursor", "SSCAN", "s", "x");
        assertError(SYNTAX, "SSCAN", "s", "0", "COUNT", "0");
        assertError(NOT_INTEGER, "SSCAN", "s", "0", "COUNT", "1.5");
        assertError(SYNTAX, "SSCAN", "s", "0", "MATCH", "*", "extra");
        call("SET", "str", "v");
        assertError(WRONGTYPE, "SSCAN", "str", "0");
    }

    @Test
    void wrongTypeBothWays() {
        call("SET", "str", "v");
        call("HSET", "h", "f", "v");
        for (String key : new String[] {"str", "h"}) {
            assertError(WRONGTYPE, "SADD", key, "a");
            assertError(WRONGTYPE, "SREM", key, "a");
            assertError(WRONGTYPE, "SCARD", key);
            assertError(WRONGTYPE, "SISMEMBER", key, "a");
            assertError(WRONGTYPE, "SMISMEMBER", key, "a");
            assertError(WRONGTYPE, "SMEMBERS", key);
            assertError(WRONGTYPE, "SRANDMEMBER", key);
            assertError(WRONGTYPE, "SPOP", key);
            assertError(WRONGTYPE, "SINTER", key);
            assertError(WRONGTYPE, "SINTERCARD", "1", key);
            assertError(WRONGTYPE, "SUNION", key);
            assertError(WRONGTYPE, "SDIFF", key);
            assertError(WRONGTYPE, "SSCAN", key, "0");
        }
        call("SADD", "s", "a");
        assertError(WRONGTYPE, "GET", "s");
        assertError(WRONGTYPE, "INCRBYFLOAT", "s", "1");
        assertError(WRONGTYPE, "GETRANGE", "s", "0", "1");
        assertError(WRONGTYPE, "HGET", "s", "a");
        assertError(WRONGTYPE, "HSET", "s", "a", "b");
        assertReply(1, "SISMEMBER", "s", "a");
        assertReply("set", "TYPE", "s");
        assertReply("OK", "SET", "s", "v");
        assertReply("v", "GET", "s");
    }

    @Test
    void expiryOnSets() throws Exception {
        call("SADD", "s", "a", "b");
        assertReply(-1, "TTL", "s");
        assertReply(1, "EXPIRE", "s", "100");
        assertTtl("s", 99, 100);
        assertReply(1, "SADD", "s", "c");
        assertReply(1, "SREM", "s", "a");
        assertTtl("s", 99, 100);
        assertReply(1, "PERSIST", "s");
        assertReply(-1, "TTL", "s");
        assertReply(0, "PERSIST", "s");
        assertReply(1, "PEXPIRE", "s", "100");
        advance(99);
        assertReply(2, "SCARD", "s");
        advance(1);
        assertReply(0, "SCARD", "s");
        assertReply(0, "SISMEMBER", "s", "b");
        assertReply(-2, "TTL", "s");
        assertReply(1, "SADD", "s", "z");
        assertEquals(set("z"), members("SMEMBERS", "s"));
        assertReply(-1, "TTL", "s");
    }

    @Test
    void delThenRecreateShowsNoOldMember() {
        call("SADD", "s", "a", "b", "c");
        assertReply(1, "DEL", "s");
        assertReply(0, "SISMEMBER", "s", "a");
        assertReply(1, "SADD", "s", "d");
        assertEquals(set("d"), members("SMEMBERS", "s"));
        assertReply(1, "SCARD", "s");
        assertEquals(List.of("0", List.of("d")), call("SSCAN", "s", "0"));
        assertReply(1, "UNLINK", "s");
        assertReply(1, "SADD", "s", "e");
        assertEquals(set("e"), members("SMEMBERS", "s"));
    }

    @Test
    void renameAndCopyKeepEveryMember() {
        Set<String> all = new TreeSet<>();
        for (int i = 0; i < 600; i++) {
            all.add(Integer.toString(i));
        }
        call("SADD", "{s}a", all);
        assertReply("OK", "RENAME", "{s}a", "{s}b");
        assertReply(0, "EXISTS", "{s}a");
        assertEquals(all, members("SMEMBERS", "{s}b"));
        assertReply(600, "SCARD", "{s}b");
        assertReply(1, "COPY", "{s}b", "{s}c");
        assertEquals(all, members("SMEMBERS", "{s}c"));
        assertReply(1, "SREM", "{s}c", "0");
        assertReply(1, "SISMEMBER", "{s}b", "0");
        call("SADD", "{s}d", "old");
        assertReply(1, "RENAMENX", "{s}c", "{s}e");
        assertReply(0, "RENAMENX", "{s}e", "{s}d");
        assertReply("OK", "RENAME", "{s}e", "{s}d");
        assertReply(0, "SISMEMBER", "{s}d", "old");
        assertReply(599, "SCARD", "{s}d");
        assertReply(1, "COPY", "{s}b", "{s}d", "REPLACE");
        assertEquals(all, members("SMEMBERS", "{s}d"));
        assertReply(1, "COPY", "{s}b", "{s}x", "DB", "2");
        harness.select(2);
        assertEquals(all, members("SMEMBERS", "{s}x"));
        assertNull(call("SPOP", "{s}missing"));
    }
}
