package io.pikko.commands;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The string commands reply exactly as Redis 7.0.15 does: every expected reply and error text
 * here was taken from a real redis-server given the same commands.
 */
class StringCommandsTest extends CommandTest {
    private static final String SYNTAX = "ERR syntax error";
    private static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    private static final String NOT_FLOAT = "ERR value is not a valid float";
    private static final String NAN_OR_INFINITY = "ERR increment would produce NaN or Infinity";
    private static final String OVERFLOW = "ERR increment or decrement would overflow";
    private static final String TOO_LONG = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";

    // SET

    @Test
    void setAndGet() {
        assertReply(null, "GET", "k");
        assertReply("OK", "SET", "k", "v");
        assertReply("v", "GET", "k");
        assertReply("OK", "SET", "k", "");
        assertReply("", "GET", "k");
    }

    @Test
    void setExpiryOptionsSetTheTtl() {
        assertReply("OK", "SET", "ex", "v", "EX", "100");
        assertTtl("ex", 99, 100);
        assertReply("OK", "SET", "px", "v", "px", "100000");
        assertTtl("px", 99_000, 100_000, true);
        assertReply("OK", "SET", "exat", "v", "ExAt", String.valueOf(nowSeconds() + 100));
        assertTtl("exat", 98, 100);
        assertReply("OK", "SET", "pxat", "v", "PXAT", String.valueOf(nowMillis() + 100_000));
        assertTtl("pxat", 98_000, 100_000, true);
        assertReply("OK", "SET", "ex", "plain");
        assertReply(-1, "TTL", "ex");
    }

    @Test
    void setRefusesNonPositiveAndNonIntegerTimes() {
        for (String option : List.of("EX", "PX", "EXAT", "PXAT")) {
            assertError("ERR invalid expire time in 'set' command", "SET", "k", "v", option, "0");
            assertError("ERR invalid expire time in 'set' command", "SET", "k", "v", option, "-1");
            assertError(NOT_INTEGER, "SET", "k", "v", option, "abc");
            assertError(NOT_INTEGER, "SET", "k", "v", option, "1.5");
            assertError(NOT_INTEGER, "SET", "k", "v", option, "9223372036854775808");
        }
        assertReply(0, "EXISTS", "k");
    }

    @Test
    void setRefusesTimesThatOverflow() {
        String invalid = "ERR invalid expire time in 'set' command";
        assertError(invalid, "SET", "k", "v", "EX", "9223372036854775807");
        assertError(invalid, "SET", "k", "v", "EX", "9223372036854775"); // ×1000 fits, + now does not
        assertError(invalid, "SET", "k", "v", "PX", "9223372036854775807");
        assertError(invalid, "SET", "k", "v", "EXAT", "9223372036854776");
        // The largest absolute times that fit are accepted.
        assertReply("OK", "SET", "k", "v", "EXAT", "9223372036854775");
        assertTtl("k", 9_223_372_036_854_775L - nowSeconds() - 2, 9_223_372_036_854_775L - nowSeconds() + 1);
        assertReply("OK", "SET", "k", "v", "PXAT", "9223372036854775807");
        assertTrue(number("PTTL", "k") > 9_223_000_000_000_000_000L);
    }

    @Test
    void setRefusesConflictingOrUnknownOptions() {
        List<List<String>> bad = List.of(
                List.of("NX", "XX"), List.of("XX", "NX"), List.of("EX", "10", "PX", "10"),
                List.of("EX", "10", "KEEPTTL"), List.of("KEEPTTL", "EX", "10"), List.of("EX", "10", "EXAT", "10"),
                List.of("PX", "10", "PXAT", "10"), List.of("PXAT", "10", "KEEPTTL"), List.of("EXAT", "10", "PX", "10"),
                List.of("EX"), List.of("PX"), List.of("foo"), List.of("PERSIST"),
                // A syntax error anywhere wins over a bad time.
                List.of("EX", "abc", "foo"), List.of("EX", "0", "PX", "10"), List.of("EX", "-1", "KEEPTTL"));
        for (List<String> options : bad) {
            List<String> command = new ArrayList<>(List.of("SET", "k", "v"));
            command.addAll(options);
            assertError(SYNTAX, command.toArray(String[]::new));
        }
        assertReply(0, "EXISTS", "k");
    }

    @Test
    void setAcceptsARepeatedOptionAndTheLastTimeWins() {
        assertReply("OK", "SET", "k", "v", "EX", "10", "EX", "20");
        assertTtl("k", 19, 20);
        assertReply("OK", "SET", "k", "v", "PX", "10", "px", "30000");
        assertTtl("k", 29_000, 30_000, true);
        assertReply("OK", "SET", "k", "v", "KEEPTTL", "KEEPTTL");
        assertTtl("k", 29, 30);
        assertReply("OK", "SET", "n", "1", "NX", "NX");
        assertReply("OK", "SET", "n", "2", "XX", "XX");
        assertReply("2", "SET", "n", "3", "GET", "GET");
        assertReply("3", "GET", "n");
    }

    @Test
    void setNxAndXx() {
        assertReply(null, "SET", "k", "v", "XX");
        assertReply(0, "EXISTS", "k");
        assertReply("OK", "SET", "k", "v1", "NX");
        assertReply(null, "SET", "k", "v2", "NX");
        assertReply("v1", "GET", "k");
        assertReply("OK", "SET", "k", "v3", "XX");
        assertReply("v3", "GET", "k");
    }

    @Test
    void setGetReturnsTheOldValueWhetherOrNotItSets() {
        assertReply(null, "SET", "k", "v1", "GET");
        assertReply("v1", "SET", "k", "v2", "GET");
        assertReply("v2", "SET", "k", "v3", "NX", "GET"); // not set, old value still returned
        assertReply("v2", "GET", "k");
        assertReply("v2", "SET", "k", "v4", "GET", "XX");
        assertReply(null, "SET", "m", "v", "XX", "GET");
        assertReply(0, "EXISTS", "m");
        assertReply(null, "SET", "m", "v", "GET", "NX");
        assertReply("v", "GET", "m");
    }

    @Test
    void setKeepTtlKeepsItAndPlainSetDropsIt() {
        assertReply("OK", "SET", "k", "v", "EX", "100");
        assertReply("OK", "SET", "k", "v2", "KEEPTTL");
        assertTtl("k", 99, 100);
        assertReply("v2", "GET", "k");
        assertReply("OK", "SET", "k", "v3");
        assertReply(-1, "TTL", "k");
        assertReply("OK", "SET", "new", "v", "KEEPTTL");
        assertReply(-1, "TTL", "new");
    }

    @Test
    void setWithAPastAbsoluteTimeLeavesNoKey() {
        assertReply("OK", "SET", "k", "v", "EXAT", "1");
        assertReply(0, "EXISTS", "k");
        assertReply("OK", "SET", "k", "v", "PXAT", "1");
        assertReply(null, "GET", "k");
        assertReply("OK", "SET", "k", "old");
        assertReply("old", "SET", "k", "new", "PXAT", "1", "GET");
        assertReply(-2, "TTL", "k");
    }

    @Test
    void aKeySetWithPxIsGoneOnceItExpires() {
        assertReply("OK", "SET", "k", "v", "PX", "100");
        advance(99);
        assertReply("v", "GET", "k");
        assertReply(1, "PTTL", "k");
        advance(1);
        assertReply(null, "GET", "k");
        assertReply(0, "EXISTS", "k");
        assertReply(-2, "PTTL", "k");
    }

    // GETSET, GETDEL, GETEX

    @Test
    void getsetReturnsTheOldValueAndDropsTheTtl() {
        assertReply(null, "GETSET", "k", "v1");
        assertReply("v1", "GET", "k");
        assertReply("OK", "SET", "k", "v1", "EX", "100");
        assertReply("v1", "GETSET", "k", "v2");
        assertReply("v2", "GET", "k");
        assertReply(-1, "TTL", "k");
    }

    @Test
    void getdelReturnsAndDeletes() {
        assertReply(null, "GETDEL", "k");
        assertReply("OK", "SET", "k", "v", "EX", "100");
        assertReply("v", "GETDEL", "k");
        assertReply(0, "EXISTS", "k");
        assertReply(null, "GETDEL", "k");
    }

    @Test
    void getexSetsOrRemovesTheTtl() {
        assertReply("OK", "SET", "k", "v");
        assertReply("v", "GETEX", "k");
        assertReply(-1, "TTL", "k");
        assertReply("v", "GETEX", "k", "EX", "100");
        assertTtl("k", 99, 100);
        assertReply("v", "GETEX", "k", "px", "50000");
        assertTtl("k", 49_000, 50_000, true);
        assertReply("v", "GETEX", "k", "EXAT", String.valueOf(nowSeconds() + 200));
        assertTtl("k", 198, 200);
        assertReply("v", "GETEX", "k", "PXAT", String.valueOf(nowMillis() + 300_000));
        assertTtl("k", 298, 300);
        assertReply("v", "GETEX", "k", "PERSIST");
        assertReply(-1, "TTL", "k");
        assertReply("v", "GETEX", "k", "EX", "10", "EX", "20"); // repeated: the last one wins
        assertTtl("k", 19, 20);
        assertReply("v", "GETEX", "k", "PERSIST", "PERSIST");
        assertReply(-1, "TTL", "k");
    }

    @Test
    void getexWithAPastAbsoluteTimeDeletesTheKey() {
        assertReply("OK", "SET", "k", "v");
        assertReply("v", "GETEX", "k", "EXAT", "1");
        assertReply(0, "EXISTS", "k");
        assertReply("OK", "SET", "k", "v");
        assertReply("v", "GETEX", "k", "PXAT", "1");
        assertReply(0, "EXISTS", "k");
    }

    @Test
    void getexChecksTheTimeOnlyForAnExistingKey() {
        // Redis answers nil for a missing key before looking at the time.
        assertReply(null, "GETEX", "nope", "EX", "0");
        assertReply(null, "GETEX", "nope", "EX", "abc");
        assertReply("OK", "SET", "k", "v");
        for (String option : List.of("EX", "PX", "EXAT", "PXAT")) {
            assertError("ERR invalid expire time in 'getex' command", "GETEX", "k", option, "0");
            assertError("ERR invalid expire time in 'getex' command", "GETEX", "k", option, "-5");
            assertError(NOT_INTEGER, "GETEX", "k", option, "abc");
        }
        assertError("ERR invalid expire time in 'getex' command", "GETEX", "k", "EX", "9223372036854775807");
        assertError("ERR invalid expire time in 'getex' command", "GETEX", "k", "PX", "9223372036854775807");
        assertReply(-1, "TTL", "k");
    }

    @Test
    void getexRefusesBadOptionsEvenForAMissingKey() {
        assertReply("OK", "SET", "k", "v");
        for (String key : List.of("k", "nope")) {
            for (List<String> options : List.of(List.of("foo"), List.of("EX"), List.of("EX", "10", "PERSIST"),
                    List.of("PERSIST", "EX", "10"), List.of("EX", "10", "PX", "10"), List.of("KEEPTTL"),
                    List.of("NX"), List.of("GET"), List.of("EX", "abc", "foo"), List.of("EX", "0", "PX", "1"))) {
                List<String> command = new ArrayList<>(List.of("GETEX", key));
                command.addAll(options);
                assertError(SYNTAX, command.toArray(String[]::new));
            }
        }
    }

    // SETNX, SETEX, PSETEX

    @Test
    void setnxSetsOnlyAMissingKey() {
        assertReply(1, "SETNX", "k", "v1");
        assertReply(0, "SETNX", "k", "v2");
        assertReply("v1", "GET", "k");
    }

    @Test
    void setexAndPsetexSetValueAndTtl() {
        assertReply("OK", "SETEX", "k", "100", "v");
        assertReply("v", "GET", "k");
        assertTtl("k", 99, 100);
        assertReply("OK", "PSETEX", "p", "100000", "v");
        assertTtl("p", 99_000, 100_000, true);
        assertReply("OK", "SETEX", "p", "50", "v2"); // replaces the value and the TTL
        assertTtl("p", 49, 50);
    }

    @Test
    void setexAndPsetexRefuseBadTimes() {
        for (String command : List.of("setex", "psetex")) {
            String invalid = "ERR invalid expire time in '" + command + "' command";
            assertError(invalid, command, "k", "0", "v");
            assertError(invalid, command, "k", "-10", "v");
            assertError(invalid, command, "k", "9223372036854775807", "v");
            assertError(NOT_INTEGER, command, "k", "abc", "v");
            assertError(NOT_INTEGER, command, "k", "1.5", "v");
        }
        assertError("ERR invalid expire time in 'setex' command", "SETEX", "k", "9223372036854775", "v");
        assertError("ERR wrong number of arguments for 'setex' command", "SETEX", "k", "10");
        assertReply(0, "EXISTS", "k");
    }

    // MGET, MSET, MSETNX

    @Test
    void msetAndMget() {
        assertReply("OK", "MSET", "{t}a", "1", "{t}b", "2", "{t}c", "3");
        assertReply(Arrays.asList("1", "2", "3", null, "1"), "MGET", "{t}a", "{t}b", "{t}c", "{t}d", "{t}a");
        assertReply("OK", "MSET", "{t}a", "x", "{t}a", "y"); // the last value of a repeated key wins
        assertReply("y", "GET", "{t}a");
        assertError("ERR wrong number of arguments for 'mset' command", "MSET", "{t}a", "1", "{t}b");
        assertError("ERR wrong number of arguments for 'mset' command", "MSET", "{t}a");
        assertError("ERR wrong number of arguments for 'mget' command", "MGET");
    }

    @Test
    void msetnxSetsAllOrNothing() {
        assertReply(1, "MSETNX", "{t}a", "1", "{t}b", "2");
        assertReply(0, "MSETNX", "{t}b", "x", "{t}c", "3");
        assertReply(Arrays.asList("1", "2", null), "MGET", "{t}a", "{t}b", "{t}c");
        assertReply(1, "MSETNX", "{t}d", "1", "{t}d", "2"); // a repeated new key: the last value wins
        assertReply("2", "GET", "{t}d");
        assertError("ERR wrong number of arguments for 'msetnx' command", "MSETNX", "{t}x", "1", "{t}y");
        assertError("ERR wrong number of arguments for 'msetnx' command", "MSETNX", "{t}x");
    }

    // INCR, DECR, INCRBY, DECRBY

    @Test
    void integerIncrementsAndDecrements() {
        assertReply(1, "INCR", "i");
        assertReply(2, "INCR", "i");
        assertReply(1, "DECR", "i");
        assertReply(11, "INCRBY", "i", "10");
        assertReply(1, "INCRBY", "i", "-10");
        assertReply(-4, "DECRBY", "i", "5");
        assertReply(1, "DECRBY", "i", "-5");
        assertReply("1", "GET", "i");
        assertReply(-1, "DECR", "fresh");
    }

    @Test
    void integerIncrementsRefuseNonIntegers() {
        for (String stored : List.of("abc", " 1", "1 ", "1.0", "01", "+1", "12345678901234567890", "")) {
            assertReply("OK", "SET", "s", stored);
            assertError(NOT_INTEGER, "INCR", "s");
            assertError(NOT_INTEGER, "DECRBY", "s", "1");
            assertReply(stored, "GET", "s");
        }
        for (String by : List.of("abc", "1.5", "", " 1", "+1", "01", "9223372036854775808")) {
            assertError(NOT_INTEGER, "INCRBY", "i", by);
            assertError(NOT_INTEGER, "DECRBY", "i", by);
        }
        assertReply(0, "EXISTS", "i");
    }

    @Test
    void integerIncrementsRefuseOverflow() {
        assertReply("OK", "SET", "i", "9223372036854775807");
        assertError(OVERFLOW, "INCR", "i");
        assertError(OVERFLOW, "DECRBY", "i", "-1");
        assertReply(9223372036854775807L, "INCRBY", "i", "0");
        assertReply("OK", "SET", "i", "-9223372036854775808");
        assertError(OVERFLOW, "DECR", "i");
        assertError(OVERFLOW, "INCRBY", "i", "-1");
        assertError("ERR decrement would overflow", "DECRBY", "i", "-9223372036854775808");
        assertReply("-9223372036854775808", "GET", "i");
        assertReply(-1, "DECRBY", "i", "-9223372036854775807");
    }

    @Test
    void incrementsKeepTheTtl() {
        assertReply("OK", "SET", "i", "5", "EX", "100");
        assertReply(6, "INCR", "i");
        assertTtl("i", 99, 100);
        assertReply("OK", "SET", "f", "1.5", "EX", "100");
        assertReply("2.5", "INCRBYFLOAT", "f", "1");
        assertTtl("f", 99, 100);
    }

    // INCRBYFLOAT

    private void assertIncrByFloat(String stored, String increment, String expected) {
        call("DEL", "f");
        if (stored != null) {
            assertReply("OK", "SET", "f", stored);
        }
        assertReply(expected, "INCRBYFLOAT", "f", increment);
        assertReply(expected, "GET", "f");
    }

    @Test
    void incrbyfloatFormatsAsRedisDoes() {
        assertReply("10.5", "INCRBYFLOAT", "f", "10.5");
        assertReply("10.6", "INCRBYFLOAT", "f", "0.1");
        assertIncrByFloat(null, "3.0e3", "3000");
        assertIncrByFloat("5.0e3", "2.0e2", "5200");
        assertIncrByFloat("5.0e3", "0", "5000");
        assertIncrByFloat("0.1", "0.2", "0.3");
        assertIncrByFloat("1.1", "-1.1", "0");
        assertIncrByFloat(null, "-0.0", "0");
        assertIncrByFloat(null, "1.23456789012345678901234567890", "1.23456789012345679");
        assertIncrByFloat("3", "1e-20", "3");
        assertIncrByFloat(null, "1e-18", "0");
        assertIncrByFloat(null, "5.", "5");
        assertIncrByFloat(null, ".5", "0.5");
        assertIncrByFloat("10", "+1.5", "11.5");
        assertIncrByFloat("7", "1E3", "1007");
        assertIncrByFloat("-3.5", "1", "-2.5");
        // strtold reads hexadecimal floats, stored or given.
        assertIncrByFloat("1", "0x10", "17");
        assertIncrByFloat("0x1p3", "0X.8P1", "9");
        assertIncrByFloat("1", "-0x1.", "0");
    }

    @Test
    void incrbyfloatUsesLongDoubleRange() {
        // 1e308 + 1e308 is finite in C's long double, so Redis answers the 309-digit sum.
        assertReply("9999999999999999999668587965584564566056009984741556720779704799492173486883806187210012692188853932"
                + "0446747225054013223152134749593960583597420814430196418767959100019603190778663109604507106667939153"
                + "3957889389145605435630612683649016186302170865892534448816237913008557573181424245104527282550463439"
                + "28578048", "INCRBYFLOAT", "x", "1e308");
        assertReply("1999999999999999999933717593116912913211201996948311344155940959898434697376761237442002538437770786"
                + "4089349445010802644630426949918792116719484162886039283753591820003920638155732621920901421333587830"
                + "6791577877829121087126122536729803237260434173178506889763247582601711514636284849020905456510092687"
                + "857156096", "INCRBYFLOAT", "x", "1e308");
        // Past the largest long double the sum is infinite.
        assertReply("OK", "SET", "max", "1.18973149535723176502e4932");
        assertError(NAN_OR_INFINITY, "INCRBYFLOAT", "max", "1.18973149535723176502e4932");
        assertError(NOT_FLOAT, "INCRBYFLOAT", "y", "1e5000"); // overflows while parsing
        assertError(NOT_FLOAT, "INCRBYFLOAT", "y", "1e-5000"); // underflows to zero while parsing
        assertIncrByFloat(null, "0e99999999999999999999", "0");
        assertIncrByFloat(null, "1e-4940", "0");
    }

    @Test
    void incrbyfloatRefusesInvalidFloatsAndInfinities() {
        for (String increment : List.of("inf", "-inf", "+inf", "Infinity")) {
            assertError(NAN_OR_INFINITY, "INCRBYFLOAT", "f", increment);
        }
        for (String increment : List.of("nan", "NaN", "-nan", "abc", "", " 1", "1 ", "1e", "0x", "0x1p", "infin", "1,5")) {
            assertError(NOT_FLOAT, "INCRBYFLOAT", "f", increment);
        }
        assertReply(0, "EXISTS", "f");
        assertError(NOT_FLOAT, "INCRBYFLOAT", "f", "1." + "0".repeat(5118)); // 5120 characters
        assertIncrByFloat(null, "1." + "0".repeat(5117), "1");

        for (String stored : List.of("abc", " 1", "1 ", "nan", "")) {
            assertReply("OK", "SET", "s", stored);
            assertError(NOT_FLOAT, "INCRBYFLOAT", "s", "1");
        }
        // A stored infinity is a valid float, but no sum with it is.
        assertReply("OK", "SET", "s", "inf");
        assertError(NAN_OR_INFINITY, "INCRBYFLOAT", "s", "1");
        assertError(NOT_FLOAT, "INCRBYFLOAT", "s", "abc");
        assertReply("OK", "SET", "s", "-inf");
        assertError(NAN_OR_INFINITY, "INCRBYFLOAT", "s", "inf");
        assertReply("OK", "SET", "s", "abc");
        assertError(NOT_FLOAT, "INCRBYFLOAT", "s", "inf");
        assertReply("abc", "GET", "s");
    }

    // APPEND, STRLEN, SETRANGE, GETRANGE, SUBSTR

    @Test
    void appendAndStrlen() {
        assertReply(0, "STRLEN", "a");
        assertReply(5, "APPEND", "a", "hello");
        assertReply(11, "APPEND", "a", " world");
        assertReply("hello world", "GET", "a");
        assertReply(11, "STRLEN", "a");
        assertReply(0, "APPEND", "empty", "");
        assertReply(1, "EXISTS", "empty"); // APPEND creates the key even with nothing to append
        assertReply("", "GET", "empty");
        assertReply("OK", "SET", "t", "1", "EX", "100");
        assertReply(2, "APPEND", "t", "2");
        assertTtl("t", 99, 100);
        assertReply(13, "INCR", "t"); // "12" appended to is still a number
    }

    @Test
    void setrangePadsWithZeroBytes() {
        assertReply(6, "SETRANGE", "k", "3", "abc");
        assertReply("\0\0\0abc", "GET", "k");
        assertReply(6, "SETRANGE", "k", "0", "XY");
        assertReply("XY\0abc", "GET", "k");
        assertReply(8, "SETRANGE", "k", "5", "123");
        assertReply("XY\0ab123", "GET", "k");
        assertReply("OK", "SET", "t", "hello", "EX", "100");
        assertReply(5, "SETRANGE", "t", "0", "J");
        assertReply("Jello", "GET", "t");
        assertTtl("t", 99, 100);
    }

    @Test
    void setrangeWithAnEmptyValue() {
        assertReply(0, "SETRANGE", "k", "0", "");
        assertReply(0, "SETRANGE", "k", "100", "");
        assertReply(0, "EXISTS", "k"); // nothing to write: no key is created
        assertReply("OK", "SET", "k", "abc");
        assertReply(3, "SETRANGE", "k", "10", "");
        assertReply(3, "SETRANGE", "k", "536870912", ""); // nothing written, so no size error
        assertReply("abc", "GET", "k");
    }

    @Test
    void setrangeRefusesBadOffsets() {
        for (String key : List.of("nope", "k")) {
            if (key.equals("k")) {
                assertReply("OK", "SET", "k", "abc");
            }
            assertError("ERR offset is out of range", "SETRANGE", key, "-1", "x");
            assertError("ERR offset is out of range", "SETRANGE", key, "-1", "");
            assertError(NOT_INTEGER, "SETRANGE", key, "abc", "x");
            assertError(TOO_LONG, "SETRANGE", key, "536870912", "x");
            assertError(TOO_LONG, "SETRANGE", key, "536870911", "xy");
            assertError(TOO_LONG, "SETRANGE", key, "9223372036854775807", "x");
            assertError(TOO_LONG, "SETRANGE", key, "9223372036854775800", "0123456789");
        }
        assertReply(0, "EXISTS", "nope");
        assertReply("abc", "GET", "k");
    }

    @Test
    void getrangeAndSubstrClampTheRange() {
        assertReply("OK", "SET", "s", "Hello World");
        String[][] cases = {
            {"0", "4", "Hello"}, {"-5", "-1", "World"}, {"-1", "-5", ""}, {"0", "-1", "Hello World"},
            {"0", "100", "Hello World"}, {"100", "200", ""}, {"-100", "-50", "H"}, {"-100", "2", "Hel"},
            {"5", "3", ""}, {"0", "0", "H"}, {"-1", "-1", "d"}, {"10", "10", "d"}, {"11", "11", ""},
            {"-1", "0", ""}, {"3", "-100", ""},
            {"-9223372036854775808", "9223372036854775807", "Hello World"},
            {"9223372036854775807", "-9223372036854775808", ""},
        };
        for (String[] c : cases) {
            assertReply(c[2], "GETRANGE", "s", c[0], c[1]);
            assertReply(c[2], "SUBSTR", "s", c[0], c[1]);
        }
        assertError(NOT_INTEGER, "GETRANGE", "s", "abc", "1");
        assertError(NOT_INTEGER, "GETRANGE", "s", "1", "1.5");
        assertReply("", "GETRANGE", "nope", "0", "-1");
        assertReply("", "SUBSTR", "nope", "0", "10");
        assertError(NOT_INTEGER, "GETRANGE", "nope", "abc", "1");
        assertReply("OK", "SET", "e", "");
        assertReply("", "GETRANGE", "e", "0", "-1");
        assertReply("", "GETRANGE", "e", "0", "0");
    }
}
