package io.pikko.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The list commands reply as Redis 7.0.15 does: every expected reply and error text here was
 * taken from a real redis-server given the same commands. The blocking forms, when they need not
 * wait, are here too; their waiting is in node's BlockingCommandsTest.
 */
class ListCommandsTest extends CommandTest {
    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    private static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    private static final String SYNTAX = "ERR syntax error";
    private static final String MUST_BE_POSITIVE = "ERR value is out of range, must be positive";

    @BeforeEach
    void strings() {
        call("SET", "s", "string");
        call("SET", "{t}s", "string");
    }

    private void assertList(String key, String... elements) {
        assertReply(List.of(elements), "LRANGE", key, "0", "-1");
    }

    @Test
    void pushesAddAtBothEndsAndCreateTheList() {
        assertReply(3, "LPUSH", "l", "a", "b", "c");
        assertList("l", "c", "b", "a");
        assertReply(5, "RPUSH", "l", "d", "e");
        assertList("l", "c", "b", "a", "d", "e");
        assertReply("list", "TYPE", "l");
        assertReply(1, "RPUSH", "empty", "");
        assertList("empty", "");
        assertError(WRONGTYPE, "LPUSH", "s", "x");
        assertError(WRONGTYPE, "RPUSH", "s", "x");
        assertError("ERR wrong number of arguments for 'lpush' command", "LPUSH", "l");
    }

    @Test
    void pushxOnlyPushesToAnExistingList() {
        assertReply(0, "LPUSHX", "l", "a");
        assertReply(0, "RPUSHX", "l", "a", "b");
        assertReply(0, "EXISTS", "l");
        assertReply(1, "RPUSH", "l", "m");
        assertReply(3, "LPUSHX", "l", "b", "a");
        assertReply(5, "RPUSHX", "l", "y", "z");
        assertList("l", "a", "b", "m", "y", "z");
        assertError(WRONGTYPE, "LPUSHX", "s", "x");
        assertError(WRONGTYPE, "RPUSHX", "s", "x");
    }

    @Test
    void popsTakeOneOrCountElements() {
        call("RPUSH", "l", "a", "b", "c", "d", "e");
        assertReply("a", "LPOP", "l");
        assertReply("e", "RPOP", "l");
        assertReply(List.of("b", "c"), "LPOP", "l", "2");
        assertReply(List.of(), "RPOP", "l", "0");
        assertReply(List.of("d"), "RPOP", "l", "10");
        assertReply(0, "EXISTS", "l");
        assertReply(null, "LPOP", "l");
        assertReply(null, "RPOP", "l", "0");
        assertReply(null, "LPOP", "l", "3");
        call("RPUSH", "l", "a", "b", "c");
        assertReply(List.of("c", "b"), "RPOP", "l", "2");
    }

    @Test
    void popsRefuseBadCountsAndOtherTypes() {
        call("RPUSH", "l", "a");
        assertError(MUST_BE_POSITIVE, "LPOP", "l", "-1");
        assertError(MUST_BE_POSITIVE, "RPOP", "l", "x");
        assertError(MUST_BE_POSITIVE, "LPOP", "s", "-1");
        assertError("ERR wrong number of arguments for 'lpop' command", "LPOP", "l", "1", "2");
        assertError("ERR wrong number of arguments for 'rpop' command", "RPOP", "l", "1", "2");
        assertError(WRONGTYPE, "LPOP", "s");
        assertError(WRONGTYPE, "RPOP", "s", "0");
        assertReply(1, "LLEN", "l");
    }

    @Test
    void llenAndLindex() {
        assertReply(0, "LLEN", "l");
        call("RPUSH", "l", "a", "b", "c");
        assertReply(3, "LLEN", "l");
        assertReply("a", "LINDEX", "l", "0");
        assertReply("c", "LINDEX", "l", "-1");
        assertReply("a", "LINDEX", "l", "-3");
        assertReply(null, "LINDEX", "l", "3");
        assertReply(null, "LINDEX", "l", "-4");
        assertReply(null, "LINDEX", "nokey", "x");
        assertError(NOT_INTEGER, "LINDEX", "l", "x");
        assertError(NOT_INTEGER, "LINDEX", "l", "1.0");
        assertError(WRONGTYPE, "LLEN", "s");
        assertError(WRONGTYPE, "LINDEX", "s", "x");
    }

    @Test
    void lrangeClampsItsBounds() {
        call("RPUSH", "l", "a", "b", "c", "d", "e");
        assertReply(List.of("b", "c"), "LRANGE", "l", "1", "2");
        assertReply(List.of("c", "d", "e"), "LRANGE", "l", "-3", "-1");
        assertReply(List.of("a", "b", "c", "d", "e"), "LRANGE", "l", "-100", "100");
        assertReply(List.of(), "LRANGE", "l", "3", "1");
        assertReply(List.of(), "LRANGE", "l", "5", "10");
        assertReply(List.of(), "LRANGE", "l", "0", "-6");
        assertReply(List.of("a"), "LRANGE", "l", "-9223372036854775808", "0");
        assertReply(List.of(), "LRANGE", "nokey", "0", "-1");
        assertError(NOT_INTEGER, "LRANGE", "l", "x", "1");
        assertError(NOT_INTEGER, "LRANGE", "s", "0", "y");
        assertError(WRONGTYPE, "LRANGE", "s", "0", "1");
    }

    @Test
    void lsetReplacesAnElement() {
        call("RPUSH", "l", "a", "b", "c");
        assertReply("OK", "LSET", "l", "1", "B");
        assertReply("OK", "LSET", "l", "-1", "C");
        assertList("l", "a", "B", "C");
        assertError("ERR index out of range", "LSET", "l", "3", "x");
        assertError("ERR index out of range", "LSET", "l", "-4", "x");
        assertError(NOT_INTEGER, "LSET", "l", "x", "x");
        assertError("ERR no such key", "LSET", "nokey", "0", "x");
        assertError("ERR no such key", "LSET", "nokey", "x", "x");
        assertError(WRONGTYPE, "LSET", "s", "0", "x");
    }

    @Test
    void linsertPutsAnElementBeforeOrAfterThePivot() {
        call("RPUSH", "l", "a", "b", "c", "b");
        assertReply(5, "LINSERT", "l", "BEFORE", "b", "x");
        assertReply(6, "LINSERT", "l", "after", "b", "y");
        assertReply(7, "LINSERT", "l", "AFTER", "b", "z");
        assertList("l", "a", "x", "b", "z", "y", "c", "b");
        assertReply(8, "LINSERT", "l", "BEFORE", "a", "first");
        assertReply(9, "LINSERT", "l", "AFTER", "c", "late");
        assertList("l", "first", "a", "x", "b", "z", "y", "c", "late", "b");
        assertReply(-1, "LINSERT", "l", "BEFORE", "nope", "x");
        assertReply(0, "LINSERT", "nokey", "BEFORE", "a", "x");
        assertReply(0, "EXISTS", "nokey");
        assertError(SYNTAX, "LINSERT", "l", "MIDDLE", "a", "x");
        assertError(SYNTAX, "LINSERT", "nokey", "middle", "a", "x");
        assertError(WRONGTYPE, "LINSERT", "s", "BEFORE", "a", "x");
    }

    @Test
    void lremRemovesFromEitherEnd() {
        call("RPUSH", "l", "a", "b", "a", "c", "a", "b", "a");
        assertReply(2, "LREM", "l", "2", "a");
        assertList("l", "b", "c", "a", "b", "a");
        assertReply(1, "LREM", "l", "-1", "b");
        assertList("l", "b", "c", "a", "a");
        assertReply(0, "LREM", "l", "0", "zz");
        assertReply(2, "LREM", "l", "0", "a");
        assertList("l", "b", "c");
        assertReply(1, "LREM", "l", "-9223372036854775808", "b");
        assertReply(1, "LREM", "l", "5", "c");
        assertReply(0, "EXISTS", "l");
        assertReply(0, "LREM", "nokey", "1", "a");
        assertError(NOT_INTEGER, "LREM", "l", "x", "a");
        assertError(NOT_INTEGER, "LREM", "s", "x", "a");
        assertError(WRONGTYPE, "LREM", "s", "1", "a");
    }

    @Test
    void lremFromTheMiddleOfALongListKeepsTheOrder() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String element = i % 7 == 3 ? "x" : "e" + i;
            call("RPUSH", "l", element);
            expected.add(element);
        }
        assertReply(5, "LREM", "l", "5", "x");
        for (int i = 0; i < 5; i++) {
            expected.remove("x");
        }
        assertEquals(expected, call("LRANGE", "l", "0", "-1"));
        assertReply(3, "LREM", "l", "-3", "x");
        Collections.reverse(expected);
        for (int i = 0; i < 3; i++) {
            expected.remove("x");
        }
        Collections.reverse(expected);
        assertEquals(expected, call("LRANGE", "l", "0", "-1"));
        assertReply((long) expected.size(), "LLEN", "l");
    }

    @Test
    void ltrimKeepsARange() {
        call("RPUSH", "l", "a", "b", "c", "d", "e");
        assertReply("OK", "LTRIM", "l", "1", "-2");
        assertList("l", "b", "c", "d");
        assertReply("OK", "LTRIM", "l", "-100", "100");
        assertList("l", "b", "c", "d");
        assertReply("OK", "LTRIM", "l", "1", "1");
        assertList("l", "c");
        assertReply("OK", "LTRIM", "l", "2", "1");
        assertReply(0, "EXISTS", "l");
        assertReply("OK", "LTRIM", "nokey", "0", "1");
        assertError(NOT_INTEGER, "LTRIM", "l", "x", "1");
        assertError(WRONGTYPE, "LTRIM", "s", "0", "1");
    }

    @Test
    void lposFindsMatchesWithRankCountAndMaxlen() {
        call("RPUSH", "l", "a", "b", "c", "a", "b", "a");
        assertReply(0, "LPOS", "l", "a");
        assertReply(3, "LPOS", "l", "a", "RANK", "2");
        assertReply(5, "LPOS", "l", "a", "RANK", "-1");
        assertReply(3, "LPOS", "l", "a", "RANK", "-2");
        assertReply(5, "LPOS", "l", "a", "RANK", "-9223372036854775808");
        assertReply(null, "LPOS", "l", "a", "RANK", "4");
        assertReply(null, "LPOS", "l", "zz");
        assertReply(List.of(0L, 3L, 5L), "LPOS", "l", "a", "COUNT", "0");
        assertReply(List.of(0L, 3L), "LPOS", "l", "a", "COUNT", "2");
        assertReply(List.of(5L, 3L), "LPOS", "l", "a", "RANK", "-1", "COUNT", "2");
        assertReply(List.of(3L), "LPOS", "l", "a", "RANK", "2", "MAXLEN", "4", "COUNT", "0");
        assertReply(null, "LPOS", "l", "a", "RANK", "-1", "MAXLEN", "1", "RANK", "-2");
        assertReply(List.of(0L, 3L, 5L), "LPOS", "l", "a", "COUNT", "2", "COUNT", "3");
        assertReply(List.of(), "LPOS", "l", "zz", "COUNT", "0");
        assertReply(null, "LPOS", "nokey", "a");
        assertReply(List.of(), "LPOS", "nokey", "a", "COUNT", "1");
        String rankZero = "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... "
                + "or use negative to start from the end of the list";
        assertError(rankZero, "LPOS", "l", "a", "RANK", "0");
        assertError(rankZero, "LPOS", "s", "a", "RANK", "0");
        assertError(NOT_INTEGER, "LPOS", "l", "a", "RANK", "x");
        assertError("ERR COUNT can't be negative", "LPOS", "l", "a", "COUNT", "-1");
        assertError("ERR COUNT can't be negative", "LPOS", "l", "a", "COUNT", "x");
        assertError("ERR MAXLEN can't be negative", "LPOS", "l", "a", "MAXLEN", "-1");
        assertError(SYNTAX, "LPOS", "l", "a", "RANK");
        assertError(SYNTAX, "LPOS", "l", "a", "FOO");
        assertError(WRONGTYPE, "LPOS", "s", "a");
    }

    @Test
    void lmoveAndRpoplpushMoveBetweenEnds() {
        call("RPUSH", "{t}a", "1", "2", "3");
        assertReply("1", "LMOVE", "{t}a", "{t}b", "LEFT", "RIGHT");
        assertReply("3", "LMOVE", "{t}a", "{t}b", "right", "left");
        assertList("{t}b", "3", "1");
        assertReply("2", "RPOPLPUSH", "{t}a", "{t}b");
        assertReply(0, "EXISTS", "{t}a");
        assertList("{t}b", "2", "3", "1");
        assertReply(null, "LMOVE", "{t}a", "{t}b", "LEFT", "LEFT");
        assertReply(null, "RPOPLPUSH", "{t}a", "{t}b");
        assertReply("2", "LMOVE", "{t}b", "{t}b", "LEFT", "RIGHT");
        assertList("{t}b", "3", "1", "2");
        assertReply("2", "RPOPLPUSH", "{t}b", "{t}b");
        assertList("{t}b", "2", "3", "1");
        assertError(SYNTAX, "LMOVE", "{t}a", "{t}b", "UP", "LEFT");
        assertError(SYNTAX, "LMOVE", "{t}a", "{t}b", "LEFT", "DOWN");
        assertError(WRONGTYPE, "LMOVE", "{t}s", "{t}b", "LEFT", "LEFT");
        assertError(WRONGTYPE, "LMOVE", "{t}b", "{t}s", "LEFT", "LEFT");
        assertError(WRONGTYPE, "RPOPLPUSH", "{t}b", "{t}s");
        assertReply(null, "RPOPLPUSH", "{t}none", "{t}s");
    }

    @Test
    void rotatingAOneElementListKeepsItsTtl() {
        call("RPUSH", "l", "only");
        call("EXPIRE", "l", "100");
        assertReply("only", "LMOVE", "l", "l", "LEFT", "RIGHT");
        assertTtl("l", 99, 100);
        assertList("l", "only");
    }

    @Test
    void lmpopPopsFromTheFirstNonEmptyList() {
        call("RPUSH", "{t}b", "1", "2", "3");
        assertReply(List.of("{t}b", List.of("1")), "LMPOP", "2", "{t}a", "{t}b", "LEFT");
        assertReply(List.of("{t}b", List.of("3", "2")), "LMPOP", "2", "{t}a", "{t}b", "RIGHT", "COUNT", "5");
        assertReply(null, "LMPOP", "2", "{t}a", "{t}b", "LEFT");
        assertError(WRONGTYPE, "LMPOP", "2", "{t}a", "{t}s", "LEFT");
        assertError("ERR numkeys should be greater than 0", "LMPOP", "0", "{t}a", "LEFT");
        assertError("ERR numkeys should be greater than 0", "LMPOP", "x", "{t}a", "LEFT");
        assertError(SYNTAX, "LMPOP", "1", "{t}a", "MIDDLE");
        assertError(SYNTAX, "LMPOP", "1", "{t}a", "LEFT", "FOO");
        assertError(SYNTAX, "LMPOP", "1", "{t}a", "LEFT", "COUNT", "1", "COUNT", "2");
        assertError("ERR count should be greater than 0", "LMPOP", "1", "{t}a", "LEFT", "COUNT", "0");
        assertError("ERR count should be greater than 0", "LMPOP", "1", "{t}a", "LEFT", "COUNT", "x");
    }

    @Test
    void blockingFormsAnswerAtOnceWhenAListHasElements() {
        call("RPUSH", "{t}b", "1", "2", "3", "4", "5");
        assertReply(List.of("{t}b", "1"), "BLPOP", "{t}a", "{t}b", "0");
        assertReply(List.of("{t}b", "5"), "BRPOP", "{t}a", "{t}b", "1");
        assertReply("2", "BLMOVE", "{t}b", "{t}c", "LEFT", "RIGHT", "0");
        assertReply("4", "BRPOPLPUSH", "{t}b", "{t}c", "0");
        assertReply(List.of("{t}b", List.of("3")), "BLMPOP", "0", "2", "{t}a", "{t}b", "RIGHT", "COUNT", "9");
        assertList("{t}c", "4", "2");
        assertError(WRONGTYPE, "BLPOP", "{t}a", "{t}s", "0");
        assertError(WRONGTYPE, "BLMOVE", "{t}s", "{t}c", "LEFT", "LEFT", "0");
        assertError(WRONGTYPE, "BLMOVE", "{t}c", "{t}s", "LEFT", "LEFT", "0");
        assertError(WRONGTYPE, "BLMPOP", "0", "1", "{t}s", "LEFT");
        assertError(SYNTAX, "BLMOVE", "{t}c", "{t}d", "MIDDLE", "LEFT", "0");
        assertError("ERR numkeys should be greater than 0", "BLMPOP", "-1", "0", "{t}a", "LEFT");
        assertError("ERR timeout is not a float or out of range", "BLMPOP", "x", "1", "{t}a", "LEFT");
        assertError("ERR timeout is negative", "BLPOP", "{t}a", "-1");
        assertError("ERR timeout is negative", "BRPOPLPUSH", "{t}a", "{t}b", "-0.5");
        assertError("ERR timeout is negative", "BLPOP", "{t}a", "inf");
        assertError("ERR timeout is not a float or out of range", "BLPOP", "{t}a", "x");
        assertError("ERR timeout is not a float or out of range", "BRPOP", "{t}a", " 1");
    }

    @Test
    void expiredListsAreGone() {
        call("RPUSH", "l", "a", "b");
        call("PEXPIRE", "l", "50");
        advance(49);
        assertReply(2, "LLEN", "l");
        advance(1);
        assertReply(0, "LLEN", "l");
        assertReply(1, "RPUSH", "l", "c");
        assertList("l", "c");
        assertReply(-1, "TTL", "l");
    }

    @Test
    void aListOfTenThousandElementsReadsInPieces() {
        List<String> all = IntStream.range(0, 10_000).mapToObj(i -> "element-" + i).toList();
        // The first half goes in at the head, so indexes run below the first element's, the rest at the tail.
        for (int i = 5_000; i > 0; i -= 1000) {
            List<String> chunk = new ArrayList<>(all.subList(i - 1000, i));
            Collections.reverse(chunk);
            call("LPUSH", "big", chunk);
        }
        for (int i = 5_000; i < 10_000; i += 1000) {
            call("RPUSH", "big", all.subList(i, i + 1000));
        }
        assertReply(10_000, "LLEN", "big");
        assertEquals(all, call("LRANGE", "big", "0", "-1"));
        for (int start = 0; start < 10_000; start += 977) {
            int end = Math.min(start + 499, 9_999);
            assertEquals(all.subList(start, end + 1), call("LRANGE", "big", String.valueOf(start), String.valueOf(end)));
        }
        assertEquals(all.subList(9_900, 10_000), call("LRANGE", "big", "-100", "-1"));
        assertReply("element-5000", "LINDEX", "big", "5000");
        assertReply(List.of(9_999L), "LPOS", "big", "element-9999", "COUNT", "1");
        assertReply("OK", "LTRIM", "big", "100", "-101");
        assertReply(9_800, "LLEN", "big");
        assertReply("element-100", "LINDEX", "big", "0");
        assertReply("element-9899", "LINDEX", "big", "-1");
        assertReply(9_801, "LINSERT", "big", "BEFORE", "element-5000", "middle");
        assertReply("middle", "LINDEX", "big", "4900");
        assertReply("element-5000", "LINDEX", "big", "4901");
        assertNull(call("LPOS", "big", "element-50"));
    }
}
