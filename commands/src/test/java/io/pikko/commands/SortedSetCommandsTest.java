package io.pikko.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The sorted-set commands reply as Redis 7.0.15 does: every expected reply and error text here was
 * taken from a real redis-server given the same commands.
 */
class SortedSetCommandsTest extends CommandTest {
    private static final String SYNTAX = "ERR syntax error";
    private static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    private static final String NOT_FLOAT = "ERR value is not a valid float";
    private static final String NAN = "ERR resulting score is not a number (NaN)";
    private static final String RANGE_NOT_FLOAT = "ERR min or max is not a float";
    private static final String NOT_LEX = "ERR min or max not valid string range item";
    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";

    @Test
    void zaddOptionsAndReplies() {
        assertReply(2, "ZADD", "z", "1", "a", "2", "b");
        assertReply(1, "ZADD", "z", "NX", "5", "a", "3", "c");
        assertReply(0, "ZADD", "z", "XX", "5", "a", "9", "d");
        assertReply(2, "ZADD", "z", "CH", "6", "a", "1", "b");
        assertReply(0, "ZADD", "z", "GT", "CH", "1", "a");
        assertReply(1, "ZADD", "z", "gt", "ch", "10", "a");
        assertReply(1, "ZADD", "z", "LT", "CH", "20", "a", "0", "b");
        assertReply("12.5", "ZADD", "z", "INCR", "2.5", "a");
        assertReply(null, "ZADD", "z", "NX", "INCR", "1", "a");
        assertReply(null, "ZADD", "z", "XX", "INCR", "1", "newm");
        assertReply(List.of("b", "0", "c", "3", "a", "12.5"), "ZRANGE", "z", "0", "-1", "WITHSCORES");
        assertReply(0, "ZADD", "nz", "XX", "1", "a");
        assertReply(0, "EXISTS", "nz");
        assertReply("zset", "TYPE", "z");
    }

    @Test
    void zaddErrors() {
        assertError("ERR XX and NX options at the same time are not compatible", "ZADD", "z", "NX", "XX", "1", "a");
        assertError("ERR GT, LT, and/or NX options at the same time are not compatible", "ZADD", "z", "GT", "LT", "1", "a");
        assertError("ERR GT, LT, and/or NX options at the same time are not compatible", "ZADD", "z", "NX", "GT", "1", "a");
        assertError("ERR INCR option supports a single increment-element pair", "ZADD", "z", "INCR", "1", "a", "2", "b");
        assertError("ERR wrong number of arguments for 'zadd' command", "ZADD", "z", "1");
        assertError(SYNTAX, "ZADD", "z", "1", "a", "2");
        assertError(NOT_FLOAT, "ZADD", "z", "abc", "a");
        assertError(NOT_FLOAT, "ZADD", "z", "nan", "a");
        assertError(SYNTAX, "ZINCRBY", "z", "NX", "m");
        assertError(NOT_FLOAT, "ZINCRBY", "z", "abc", "m");
        assertReply(1, "ZADD", "q", "inf", "a");
        assertError(NAN, "ZINCRBY", "q", "-inf", "a");
        assertError(NAN, "ZADD", "q", "INCR", "-inf", "a");
        assertReply("inf", "ZSCORE", "q", "a");
        assertReply(0, "EXISTS", "z");
    }

    @Test
    void scoresAreFormattedAsRedisDoes() {
        assertReply(1, "ZADD", "q", "0.1", "x");
        assertReply("0.10000000000000001", "ZSCORE", "q", "x");
        assertReply("0.30000000000000004", "ZINCRBY", "q", "0.2", "x");
        assertReply(1, "ZADD", "q", "1e20", "y");
        assertReply("1e+20", "ZSCORE", "q", "y");
        assertReply(1, "ZADD", "q", "-inf", "n");
        assertReply(1, "ZADD", "q", "-0", "zero");
        assertReply(Arrays.asList("-inf", "0", "0.30000000000000004", "1e+20", null),
                "ZMSCORE", "q", "n", "zero", "x", "y", "missing");
        assertReply("3", "ZINCRBY", "q", "3", "new");
        // ZSCAN answers scores as strings, in the form Redis keeps them for a small set.
        assertReply(List.of("0", List.of("n", "-inf", "zero", "0", "x", "0.30000000000000004", "new", "3", "y", "1e+20")),
                "ZSCAN", "q", "0");
    }

    @Test
    void equalScoresOrderByMemberBytes() {
        assertReply(5, "ZADD", "z", "1", "b", "1", "a", "1", "B", "1", "", "0", "\u00e9");
        assertReply(List.of("\u00e9", "", "B", "a", "b"), "ZRANGE", "z", "0", "-1");
        assertReply(List.of("b", "a", "B", "", "\u00e9"), "ZREVRANGE", "z", "0", "-1");
        assertReply(3, "ZRANK", "z", "a");
        assertReply(1, "ZREVRANK", "z", "a");
    }

    @Test
    void readsOfSingleMembers() {
        assertReply(3, "ZADD", "z", "1", "a", "2", "b", "3", "c");
        assertReply(3, "ZCARD", "z");
        assertReply(0, "ZCARD", "none");
        assertReply(null, "ZSCORE", "none", "a");
        assertReply(null, "ZSCORE", "z", "x");
        assertReply(Arrays.asList(null, null), "ZMSCORE", "none", "a", "b");
        assertReply(Arrays.asList("1", null, "3"), "ZMSCORE", "z", "a", "x", "c");
        assertReply(2, "ZRANK", "z", "c");
        assertReply(0, "ZREVRANK", "z", "c");
        assertReply(null, "ZRANK", "z", "zz");
        assertReply(null, "ZRANK", "none", "a");
        assertReply(2, "ZREM", "z", "a", "x", "b");
        assertReply(0, "ZREM", "none", "a");
        assertReply(1, "ZREM", "z", "c");
        assertReply(0, "EXISTS", "z");
    }

    @Test
    void wrongTypeEverywhere() {
        call("SET", "s", "v");
        String[][] commands = {
            {"ZADD", "s", "1", "a"}, {"ZINCRBY", "s", "1", "a"}, {"ZREM", "s", "a"}, {"ZCARD", "s"},
            {"ZCOUNT", "s", "0", "1"}, {"ZLEXCOUNT", "s", "-", "+"}, {"ZSCORE", "s", "a"}, {"ZMSCORE", "s", "a"},
            {"ZRANK", "s", "a"}, {"ZREVRANK", "s", "a"}, {"ZRANGE", "s", "0", "1"}, {"ZRANGESTORE", "{s}d", "s", "0", "1"},
            {"ZREVRANGE", "s", "0", "1"}, {"ZRANGEBYSCORE", "s", "0", "1"}, {"ZREVRANGEBYSCORE", "s", "1", "0"},
            {"ZRANGEBYLEX", "s", "-", "+"}, {"ZREVRANGEBYLEX", "s", "+", "-"}, {"ZREMRANGEBYRANK", "s", "0", "1"},
            {"ZREMRANGEBYSCORE", "s", "0", "1"}, {"ZREMRANGEBYLEX", "s", "-", "+"}, {"ZPOPMIN", "s"}, {"ZPOPMAX", "s", "2"},
            {"ZMPOP", "1", "s", "MIN"}, {"ZRANDMEMBER", "s"}, {"ZRANDMEMBER", "s", "2"}, {"ZUNION", "1", "s"},
            {"ZINTER", "1", "s"}, {"ZDIFF", "1", "s"}, {"ZUNIONSTORE", "{s}d", "1", "s"}, {"ZINTERSTORE", "{s}d", "1", "s"},
            {"ZDIFFSTORE", "{s}d", "1", "s"}, {"ZINTERCARD", "1", "s"}, {"ZSCAN", "s", "0"},
        };
        for (String[] command : commands) {
            assertError(WRONGTYPE, command);
        }
        assertReply("v", "GET", "s");
    }

    @Test
    void rangeByRankScoreAndMember() {
        assertReply(5, "ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
        assertReply(List.of("b", "2", "c", "3", "d", "4"), "ZRANGE", "z", "1", "3", "WITHSCORES");
        assertReply(List.of("b", "a"), "ZRANGE", "z", "-2", "-1", "REV");
        assertReply(List.of("e", "d"), "ZREVRANGE", "z", "0", "1");
        assertReply(List.of(), "ZRANGE", "z", "3", "1");
        assertReply(List.of("b", "2", "c", "3"), "ZRANGE", "z", "(1", "3", "BYSCORE", "WITHSCORES");
        assertReply(List.of("c"), "ZRANGE", "z", "4", "(2", "BYSCORE", "REV", "LIMIT", "1", "5");
        assertReply(List.of(), "ZRANGEBYSCORE", "z", "(1", "(5", "LIMIT", "-1", "2");
        assertReply(List.of(), "ZRANGEBYSCORE", "z", "1", "5", "LIMIT", "5", "2");
        assertReply(List.of("c", "d"), "ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "2", "2");
        assertReply(List.of("e", "d", "c", "b", "a"), "ZREVRANGEBYSCORE", "z", "inf", "-inf", "LIMIT", "0", "-1");
        assertReply(List.of("b"), "ZREVRANGEBYLEX", "z", "[c", "-", "LIMIT", "1", "1");
        assertReply(List.of("a", "b", "c"), "ZRANGEBYLEX", "z", "-", "(d");
        assertReply(List.of("a", "b", "c"), "ZRANGE", "z", "[a", "[c", "BYLEX");
        assertReply(2, "ZCOUNT", "z", "-inf", "(3");
        assertReply(0, "ZCOUNT", "z", "(3", "(3");
        assertReply(0, "ZCOUNT", "none", "0", "1");
        assertReply(5, "ZLEXCOUNT", "z", "-", "+");
        assertReply(2, "ZLEXCOUNT", "z", "[b", "(d");
        assertReply(0, "ZLEXCOUNT", "z", "+", "-");
        assertReply(1, "ZREMRANGEBYRANK", "z", "0", "0");
        assertReply(1, "ZREMRANGEBYSCORE", "z", "(4", "inf");
        assertReply(1, "ZREMRANGEBYLEX", "z", "[b", "[b");
        assertReply(List.of("c", "d"), "ZRANGE", "z", "0", "-1");
        assertReply(2, "ZREMRANGEBYRANK", "z", "0", "-1");
        assertReply(0, "EXISTS", "z");
        assertReply(0, "ZREMRANGEBYSCORE", "none", "0", "1");
    }

    @Test
    void rangeErrors() {
        assertReply(1, "ZADD", "z", "1", "a");
        assertError("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX",
                "ZRANGE", "z", "1", "2", "LIMIT", "0", "1");
        assertError("ERR syntax error, WITHSCORES not supported in combination with BYLEX",
                "ZRANGE", "z", "[a", "[c", "BYLEX", "WITHSCORES");
        assertError(NOT_INTEGER, "ZRANGE", "z", "a", "b");
        assertError(SYNTAX, "ZRANGE", "z", "0", "1", "REV", "REV");
        assertError(SYNTAX, "ZRANGE", "z", "0", "1", "BYSCORE", "BYLEX");
        assertError(NOT_INTEGER, "ZRANGEBYSCORE", "z", "0", "1", "LIMIT", "x", "1");
        assertError(RANGE_NOT_FLOAT, "ZRANGEBYSCORE", "z", "x", "5");
        assertError(RANGE_NOT_FLOAT, "ZCOUNT", "z", "1", "x");
        assertError(RANGE_NOT_FLOAT, "ZCOUNT", "none", "((1", "2");
        assertError(RANGE_NOT_FLOAT, "ZREMRANGEBYSCORE", "z", "nan", "2");
        assertError(NOT_LEX, "ZRANGEBYLEX", "z", "a", "c");
        assertError(NOT_LEX, "ZLEXCOUNT", "z", "[a", "+b");
        assertError(NOT_LEX, "ZREMRANGEBYLEX", "z", "", "+");
        assertError(NOT_INTEGER, "ZREMRANGEBYRANK", "z", "a", "1");
        assertError(SYNTAX, "ZRANGESTORE", "{z}d", "z", "0", "-1", "WITHSCORES");
        assertError(SYNTAX, "ZRANGEBYSCORE", "z", "0", "1", "LIMIT", "1");
    }

    @Test
    void scoreBoundsAreReadAsStrtodReadsThem() {
        assertReply(3, "ZADD", "z", "0", "a", "8", "b", "16", "c");
        assertReply(1, "ZCOUNT", "z", "", "");
        assertReply(0, "ZCOUNT", "z", "", "(");
        assertReply(3, "ZCOUNT", "z", " -1", "0x10");
        assertReply(2, "ZCOUNT", "z", "1e-9", "Infinity");
        assertReply(1, "ZCOUNT", "z", "(0", "(0x1p4");
        assertError(RANGE_NOT_FLOAT, "ZCOUNT", "z", "1 ", "2");
        assertError(RANGE_NOT_FLOAT, "ZCOUNT", "z", " ", "2");
    }

    @Test
    void rangeStore() {
        assertReply(3, "ZADD", "{t}z", "1", "a", "2", "b", "3", "c");
        call("SET", "{t}d", "string");
        call("EXPIRE", "{t}d", "100");
        assertReply(2, "ZRANGESTORE", "{t}d", "{t}z", "(1", "+inf", "BYSCORE");
        assertReply(List.of("b", "2", "c", "3"), "ZRANGE", "{t}d", "0", "-1", "WITHSCORES");
        assertReply(-1, "TTL", "{t}d");
        assertReply(0, "ZRANGESTORE", "{t}d", "{t}z", "5", "6");
        assertReply(0, "EXISTS", "{t}d");
        assertReply(2, "ZRANGESTORE", "{t}z", "{t}z", "+", "[b", "BYLEX", "REV");
        assertReply(List.of("b", "c"), "ZRANGE", "{t}z", "0", "-1");
        assertReply(0, "ZRANGESTORE", "{t}z", "{t}none", "0", "-1");
        assertReply(0, "EXISTS", "{t}z");
    }

    @Test
    void pops() {
        assertReply(3, "ZADD", "z", "1", "a", "2", "b", "3", "c");
        assertReply(List.of("a", "1"), "ZPOPMIN", "z");
        assertReply(List.of("c", "3", "b", "2"), "ZPOPMAX", "z", "5");
        assertReply(0, "EXISTS", "z");
        assertReply(List.of(), "ZPOPMIN", "z");
        assertReply(List.of(), "ZPOPMIN", "z", "0");
        assertError("ERR value is out of range, must be positive", "ZPOPMIN", "z", "-1");
        assertError("ERR value is out of range, must be positive", "ZPOPMAX", "z", "x");
        assertError(SYNTAX, "ZPOPMIN", "z", "1", "2");
        assertReply(3, "ZADD", "{t}z", "1", "a", "2", "b", "3", "c");
        assertReply(List.of("{t}z", List.of(List.of("c", "3"), List.of("b", "2"))),
                "ZMPOP", "2", "{t}none", "{t}z", "MAX", "COUNT", "2");
        assertReply(List.of("{t}z", List.of(List.of("a", "1"))), "ZMPOP", "1", "{t}z", "min", "COUNT", "10");
        assertReply(null, "ZMPOP", "1", "{t}z", "MIN");
        assertError("ERR numkeys should be greater than 0", "ZMPOP", "0", "{t}z", "MIN");
        assertError("ERR numkeys should be greater than 0", "ZMPOP", "x", "{t}z", "MIN");
        assertError(SYNTAX, "ZMPOP", "1", "{t}z", "MID");
        assertError("ERR count should be greater than 0", "ZMPOP", "1", "{t}z", "MIN", "COUNT", "0");
        assertError(SYNTAX, "ZMPOP", "1", "{t}z", "MIN", "COUNT", "1", "COUNT", "1");
        call("SET", "{t}s", "v");
        assertReply(1, "ZADD", "{t}z", "1", "a");
        assertError(WRONGTYPE, "ZMPOP", "2", "{t}s", "{t}z", "MIN");
        assertReply(List.of("{t}z", List.of(List.of("a", "1"))), "ZMPOP", "2", "{t}z", "{t}s", "MIN");
    }

    @Test
    void unionInterDiff() {
        assertReply(3, "ZADD", "{t}a", "1", "x", "2", "y", "3", "z");
        assertReply(3, "ZADD", "{t}b", "10", "y", "20", "z", "30", "w");
        assertReply(2, "SADD", "{t}st", "x", "w");
        assertReply(List.of("x", "1", "y", "12", "z", "23", "w", "30"), "ZUNION", "2", "{t}a", "{t}b", "WITHSCORES");
        assertReply(List.of("y", "5", "z", "10"),
                "ZINTER", "2", "{t}a", "{t}b", "WEIGHTS", "2", "0.5", "AGGREGATE", "MAX", "WITHSCORES");
        assertReply(List.of("x", "1"), "ZDIFF", "2", "{t}a", "{t}b", "WITHSCORES");
        assertReply(List.of("w", "1", "x", "1", "y", "2", "z", "3"),
                "ZUNION", "3", "{t}a", "{t}b", "{t}st", "AGGREGATE", "MIN", "WITHSCORES");
        assertReply(List.of("x", "2"), "ZINTER", "2", "{t}a", "{t}st", "WITHSCORES");
        assertReply(List.of("x", "y", "z"), "ZUNION", "1", "{t}a", "WEIGHTS", "0");
        assertReply(4, "ZUNIONSTORE", "{t}d", "2", "{t}a", "{t}b");
        assertReply(List.of("x", "1", "y", "12", "z", "23", "w", "30"), "ZRANGE", "{t}d", "0", "-1", "WITHSCORES");
        assertReply(0, "ZINTERSTORE", "{t}d", "2", "{t}a", "{t}none");
        assertReply(0, "EXISTS", "{t}d");
        assertReply(3, "ZDIFFSTORE", "{t}d", "1", "{t}a");
        assertReply(0, "ZDIFFSTORE", "{t}d", "2", "{t}a", "{t}a");
        assertReply(2, "ZINTERCARD", "2", "{t}a", "{t}b");
        assertReply(1, "ZINTERCARD", "2", "{t}a", "{t}b", "LIMIT", "1");
        assertReply(1, "ZADD", "{t}i", "inf", "m");
        assertReply(1, "ZADD", "{t}j", "-inf", "m");
        assertReply(List.of("m", "0"), "ZUNION", "2", "{t}i", "{t}j", "WITHSCORES");
        assertReply(List.of("m", "0"), "ZUNION", "1", "{t}i", "WEIGHTS", "0", "WITHSCORES");
    }

    @Test
    void unionInterDiffErrors() {
        assertReply(1, "ZADD", "{t}a", "1", "x");
        assertError("ERR LIMIT can't be negative", "ZINTERCARD", "2", "{t}a", "{t}b", "LIMIT", "-1");
        assertError("ERR at least 1 input key is needed for 'zunion' command", "ZUNION", "0", "{t}a");
        assertError("ERR at least 1 input key is needed for 'zunionstore' command", "ZUNIONSTORE", "{t}d", "0", "{t}a");
        assertError("ERR at least 1 input key is needed for 'zintercard' command", "ZINTERCARD", "-1", "{t}a");
        assertError(SYNTAX, "ZUNION", "2", "{t}a");
        assertError(NOT_INTEGER, "ZUNION", "x", "{t}a");
        assertError("ERR weight value is not a float", "ZUNION", "2", "{t}a", "{t}b", "WEIGHTS", "1", "x");
        assertError(SYNTAX, "ZUNION", "2", "{t}a", "{t}b", "WEIGHTS", "1");
        assertError(SYNTAX, "ZUNION", "2", "{t}a", "{t}b", "AGGREGATE", "AVG");
        assertError(SYNTAX, "ZDIFF", "2", "{t}a", "{t}b", "WEIGHTS", "1", "2");
        assertError(SYNTAX, "ZUNIONSTORE", "{t}d", "1", "{t}a", "WITHSCORES");
        assertError(SYNTAX, "ZINTERCARD", "1", "{t}a", "WITHSCORES");
        call("SET", "{t}s", "v");
        // Types are checked before the options are read.
        assertError(WRONGTYPE, "ZUNION", "2", "{t}a", "{t}s", "BOGUS");
        assertReply(1, "ZUNIONSTORE", "{t}s", "1", "{t}a");
        assertReply("zset", "TYPE", "{t}s");
    }

    @Test
    void randomMembers() {
        assertReply(null, "ZRANDMEMBER", "none");
        assertReply(List.of(), "ZRANDMEMBER", "none", "5");
        assertError(NOT_INTEGER, "ZRANDMEMBER", "none", "x");
        assertError(SYNTAX, "ZRANDMEMBER", "z", "1", "foo");
        assertError(SYNTAX, "ZRANDMEMBER", "z", "1", "WITHSCORES", "extra");
        assertError("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807",
                "ZRANDMEMBER", "z", "-9223372036854775808");
        assertError("ERR value is out of range", "ZRANDMEMBER", "z", "9223372036854775807", "WITHSCORES");
        Map<String, String> scores = new HashMap<>();
        List<String> add = new ArrayList<>(List.of("ZADD", "z"));
        for (int i = 0; i < 50; i++) {
            scores.put("m" + i, Integer.toString(i * 3));
            add.add(Integer.toString(i * 3));
            add.add("m" + i);
        }
        call(add.toArray(String[]::new));
        assertReply(List.of(), "ZRANDMEMBER", "z", "0");
        assertTrue(scores.containsKey((String) call("ZRANDMEMBER", "z")));
        Set<String> seen = new HashSet<>();
        for (int round = 0; round < 20; round++) {
            List<?> distinct = (List<?>) call("ZRANDMEMBER", "z", "10", "WITHSCORES");
            assertEquals(20, distinct.size());
            Set<Object> members = new HashSet<>();
            for (int i = 0; i < distinct.size(); i += 2) {
                assertEquals(scores.get((String) distinct.get(i)), distinct.get(i + 1));
                members.add(distinct.get(i));
                seen.add((String) distinct.get(i));
            }
            assertEquals(10, members.size(), "ZRANDMEMBER with a positive count repeats no member");
        }
        assertTrue(seen.size() > 25, "members are drawn at random: " + seen.size() + " seen");
        assertEquals(50, new HashSet<>((List<?>) call("ZRANDMEMBER", "z", "80")).size());
        List<?> repeated = (List<?>) call("ZRANDMEMBER", "z", "-200");
        assertEquals(200, repeated.size());
        assertTrue(scores.keySet().containsAll(repeated.stream().map(String.class::cast).toList()));
        assertTrue(new HashSet<>(repeated).size() < 200, "a negative count may repeat members");
    }

    @Test
    void scanSmallAndLargeSets() {
        assertReply(3, "ZADD", "z", "1", "a", "2", "b", "3", "c");
        assertReply(List.of("0", List.of("a", "1", "b", "2", "c", "3")), "ZSCAN", "z", "0");
        assertReply(List.of("0", List.of("b", "2")), "ZSCAN", "z", "0", "MATCH", "b*");
        assertReply(List.of("0", List.of()), "ZSCAN", "none", "0", "BOGUS");
        assertError(SYNTAX, "ZSCAN", "z", "0", "COUNT", "0");
        assertError(NOT_INTEGER, "ZSCAN", "z", "0", "COUNT", "x");
        assertError("ERR invalid cursor", "ZSCAN", "z", "x");
        assertError(SYNTAX, "ZSCAN", "z", "0", "BOGUS");
        List<String> add = new ArrayList<>(List.of("ZADD", "big"));
        for (int i = 0; i < 1000; i++) {
            add.add(i % 7 == 0 ? "0.5" : Integer.toString(i));
            add.add("m" + i);
        }
        call(add.toArray(String[]::new));
        Map<String, String> found = new HashMap<>();
        String cursor = "0";
        int pages = 0;
        do {
            List<?> page = (List<?>) call("ZSCAN", "big", cursor, "COUNT", "50");
            cursor = (String) page.get(0);
            List<?> items = (List<?>) page.get(1);
            for (int i = 0; i < items.size(); i += 2) {
                assertNull(found.put((String) items.get(i), (String) items.get(i + 1)), "returned twice: " + items.get(i));
            }
            pages++;
        } while (!cursor.equals("0"));
        assertEquals(1000, found.size());
        assertEquals("0.5", found.get("m7"));
        assertEquals("8", found.get("m8"));
        assertTrue(pages >= 20, pages + " pages");
    }

    @Test
    void largeSetRanksAndRanges() {
        int n = 10_000;
        for (int from = 0; from < n; from += 1000) {
            List<String> add = new ArrayList<>(List.of("ZADD", "big"));
            List<String> lex = new ArrayList<>(List.of("ZADD", "lex"));
            for (int i = from; i < from + 1000; i++) {
                // Scores 0, 0, 1, 1, 2, 2, ...: every score is shared by two members.
                add.add(Integer.toString(i / 2));
                add.add(String.format("m%05d", i));
                lex.add("0");
                lex.add(String.format("w%05d", i));
            }
            call(add.toArray(String[]::new));
            call(lex.toArray(String[]::new));
        }
        assertReply(n, "ZCARD", "big");
        assertReply(0, "ZRANK", "big", "m00000");
        assertReply(7777, "ZRANK", "big", "m07777");
        assertReply(n - 1 - 7777, "ZREVRANK", "big", "m07777");
        assertReply(n - 1, "ZRANK", "big", "m09999");
        assertReply(List.of("m05000", "2500", "m05001", "2500", "m05002", "2501"),
                "ZRANGE", "big", "5000", "5002", "WITHSCORES");
        assertReply(List.of("m09998", "m09997"), "ZREVRANGE", "big", "1", "2");
        assertReply(List.of("m00002", "m00001"), "ZRANGE", "big", "9997", "9998", "REV");
        assertReply(List.of("m04001", "m04002"), "ZRANGEBYSCORE", "big", "2000", "(2002", "LIMIT", "1", "2");
        assertReply(List.of("m08003", "m08002"), "ZREVRANGEBYSCORE", "big", "(4002", "-inf", "LIMIT", "0", "2");
        assertReply(100, "ZCOUNT", "big", "(4949.5", "5000");
        assertReply(List.of("w06000", "w06001"), "ZRANGEBYLEX", "lex", "[w06", "+", "LIMIT", "0", "2");
        assertReply(List.of("w05999", "w05998"), "ZREVRANGEBYLEX", "lex", "(w06", "-", "LIMIT", "0", "2");
        assertReply(1000, "ZLEXCOUNT", "lex", "[w03000", "(w04000");
        assertReply(500, "ZREMRANGEBYLEX", "lex", "(w00499", "[w00999");
        assertReply(500, "ZRANK", "lex", "w01000");
        assertReply(1000, "ZREMRANGEBYRANK", "big", "-1000", "-1");
        assertReply(100, "ZREMRANGEBYSCORE", "big", "0", "(50");
        assertReply(n - 1100, "ZCARD", "big");
        assertReply(List.of("m00100", "50"), "ZPOPMIN", "big");
        assertReply(List.of("m08999", "4499"), "ZPOPMAX", "big");
        assertReply(n - 1102, "ZCARD", "big");
    }
}
