package io.pikko.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generic key commands reply exactly as Redis 7.0.15 does (expected replies and error texts
 * were taken from a real redis-server). Keys of several slots are the gateway's (node's
 * GatewayCommandsTest).
 */
class KeyCommandsTest extends CommandTest {
    private static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    private static final List<String> EXPIRE_COMMANDS = List.of("expire", "pexpire", "expireat", "pexpireat");

    private void set(String... keys) {
        for (String key : keys) {
            assertReply("OK", "SET", key, "value of " + key);
        }
    }

    private static String[] command(String name, List<String> args) {
        List<String> command = new ArrayList<>(List.of(name));
        command.addAll(args);
        return command.toArray(String[]::new);
    }

    // DEL, UNLINK, EXISTS, TOUCH, TYPE

    @Test
    void delAndUnlinkCountEachDeletedKeyOnce() {
        set("{t}a", "{t}b", "{t}c");
        assertReply(2, "DEL", "{t}a", "{t}b", "{t}nope", "{t}a");
        assertReply(0, "DEL", "{t}a");
        assertReply(1, "UNLINK", "{t}c", "{t}c", "{t}nope");
        assertReply(0, "EXISTS", "{t}a", "{t}b", "{t}c");
    }

    @Test
    void existsAndTouchCountRepeatedKeys() {
        set("{t}a", "{t}b");
        assertReply(4, "EXISTS", "{t}a", "{t}a", "{t}b", "{t}nope", "{t}b");
        assertReply(3, "TOUCH", "{t}a", "{t}a", "{t}nope", "{t}b");
        assertReply(0, "EXISTS", "nope");
    }

    @Test
    void typeOfAKey() {
        set("s");
        assertReply("string", "TYPE", "s");
        assertReply("none", "TYPE", "nope");
    }

    // EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT

    @Test
    void expireCommandsSetTheTtl() {
        set("k");
        assertReply(1, "EXPIRE", "k", "100");
        assertTtl("k", 99, 100);
        assertReply(1, "PEXPIRE", "k", "200000");
        assertTtl("k", 199_000, 200_000, true);
        assertReply(1, "EXPIREAT", "k", String.valueOf(nowMillis() / 1000 + 300));
        assertTtl("k", 298, 300);
        assertReply(1, "PEXPIREAT", "k", String.valueOf(nowMillis() + 400_000));
        assertTtl("k", 398, 400);
        for (String command : EXPIRE_COMMANDS) {
            assertReply(0, command, "nope", "100");
        }
        assertReply(0, "EXISTS", "nope");
    }

    @Test
    void expireOptionsNxXxGtLt() {
        set("k");
        assertReply(0, "EXPIRE", "k", "100", "XX"); // no TTL yet
        assertReply(0, "EXPIRE", "k", "100", "GT"); // no TTL counts as infinite
        assertReply(1, "EXPIRE", "k", "100", "lt");
        assertTtl("k", 99, 100);
        assertReply(0, "EXPIRE", "k", "50", "GT");
        assertReply(1, "EXPIRE", "k", "200", "gt");
        assertTtl("k", 199, 200);
        assertReply(0, "EXPIRE", "k", "300", "LT");
        assertReply(1, "EXPIRE", "k", "100", "LT");
        assertReply(0, "EXPIRE", "k", "100", "NX");
        assertReply(1, "PERSIST", "k");
        assertReply(1, "PEXPIRE", "k", "100000", "NX");
        assertReply(1, "PEXPIRE", "k", "150000", "XX", "GT");
        assertTtl("k", 149, 150);
        assertReply(0, "EXPIRE", "nope", "100", "LT");
    }

    @Test
    void expireOptionErrors() {
        set("k");
        String nxWithOthers = "ERR NX and XX, GT or LT options at the same time are not compatible";
        String gtWithLt = "ERR GT and LT options at the same time are not compatible";
        for (String command : EXPIRE_COMMANDS) {
            for (String key : List.of("k", "nope")) {
                assertError(nxWithOthers, command, key, "100", "NX", "XX");
                assertError(nxWithOthers, command, key, "100", "xx", "nx");
                assertError(nxWithOthers, command, key, "100", "NX", "GT");
                assertError(nxWithOthers, command, key, "100", "LT", "NX");
                assertError(gtWithLt, command, key, "100", "GT", "LT");
                assertError(gtWithLt, command, key, "100", "XX", "LT", "GT");
                assertError("ERR Unsupported option foo", command, key, "100", "foo");
                assertError("ERR Unsupported option bar", command, key, "100", "NX", "bar");
                // Options are read before the time: their errors win over a bad number.
                assertError("ERR Unsupported option foo", command, key, "abc", "foo");
                assertError(nxWithOthers, command, key, "abc", "NX", "XX");
                assertError(gtWithLt, command, key, "1.5", "GT", "LT");
                assertError(NOT_INTEGER, command, key, "abc");
                assertError(NOT_INTEGER, command, key, "1.5", "NX");
                assertError(NOT_INTEGER, command, key, "9223372036854775808");
            }
        }
        assertReply(1, "EXPIRE", "k", "100", "NX", "NX"); // a repeated option is fine
        assertReply(-2, "TTL", "nope");
    }

    @Test
    void expireTimesThatOverflowAreRefused() {
        set("k");
        for (String command : List.of("expire", "pexpire", "expireat")) {
            String invalid = "ERR invalid expire time in '" + command + "' command";
            assertError(invalid, command, "k", "9223372036854775807");
            assertError(invalid, command, "nope", "9223372036854775807");
        }
        for (String command : List.of("expire", "expireat")) {
            String invalid = "ERR invalid expire time in '" + command + "' command";
            assertError(invalid, command, "k", "9223372036854776");
            assertError(invalid, command, "k", "-9223372036854776");
            assertError(invalid, command, "k", "-9223372036854775808");
        }
        assertError("ERR invalid expire time in 'expire' command", "EXPIRE", "k", "9223372036854775");
        assertReply(-1, "TTL", "k");
        // The largest absolute times that fit are accepted.
        assertReply(1, "EXPIREAT", "k", "9223372036854775");
        assertTrue(number("TTL", "k") > 9_223_370_000_000_000L);
        assertReply(1, "PEXPIREAT", "k", "9223372036854775807");
        assertTrue(number("PTTL", "k") > 9_223_370_000_000_000_000L);
    }

    @Test
    void expireTimesInThePastDeleteTheKey() {
        List<List<String>> past = List.of(
                List.of("EXPIRE", "0"), List.of("EXPIRE", "-1"), List.of("PEXPIRE", "0"), List.of("PEXPIRE", "-100"),
                List.of("EXPIREAT", "1"), List.of("PEXPIREAT", "1"), List.of("EXPIRE", "-9223372036854775"),
                List.of("PEXPIREAT", "-9223372036854775808"), List.of("EXPIRE", "-1", "LT"), List.of("EXPIRE", "0", "XX"));
        for (List<String> expire : past) {
            set("k");
            assertReply(1, "EXPIRE", "k", "100");
            List<String> args = new ArrayList<>(expire);
            args.add(1, "k");
            assertReply(1, args.toArray(String[]::new));
            assertReply(0, "EXISTS", "k");
            assertReply(-2, "TTL", "k");
        }
    }

    @Test
    void optionsThatFailKeepTheKeyEvenForAPastTime() {
        set("k");
        assertReply(0, "EXPIRE", "k", "-1", "GT"); // no TTL is infinite: nothing is greater
        assertReply(0, "EXPIRE", "k", "0", "XX");
        assertReply(1, "EXISTS", "k");
        assertReply(1, "EXPIRE", "k", "100");
        assertReply(0, "EXPIRE", "k", "0", "NX");
        assertReply(0, "EXPIRE", "k", "0", "GT");
        assertTtl("k", 99, 100);
        assertReply(1, "EXPIRE", "k", "0", "LT");
        assertReply(0, "EXISTS", "k");
    }

    // TTL, PTTL, EXPIRETIME, PEXPIRETIME, PERSIST

    @Test
    void ttlCommandsForMissingAndPersistentKeys() {
        set("k");
        for (String command : List.of("TTL", "PTTL", "EXPIRETIME", "PEXPIRETIME")) {
            assertReply(-2, command, "nope");
            assertReply(-1, command, "k");
        }
    }

    @Test
    void expiretimeGivesTheAbsoluteTimeRoundedToTheNearestSecond() {
        set("k");
        assertReply(1, "EXPIREAT", "k", "33177600000");
        assertReply(33177600000L, "EXPIRETIME", "k");
        assertReply(33177600000000L, "PEXPIRETIME", "k");
        assertReply(1, "PEXPIREAT", "k", "33177600000499");
        assertReply(33177600000L, "EXPIRETIME", "k");
        assertReply(33177600000499L, "PEXPIRETIME", "k");
        assertReply(1, "PEXPIREAT", "k", "33177600000500");
        assertReply(33177600001L, "EXPIRETIME", "k");
        assertReply(1, "PEXPIREAT", "k", "33177600000600");
        assertReply(33177600001L, "EXPIRETIME", "k");
    }

    @Test
    void everyTypeExpiresAtItsDeadlineToTheMillisecond() {
        call("SET", "{t}string", "v");
        call("HSET", "{t}hash", "f", "v");
        call("RPUSH", "{t}list", "a");
        call("SADD", "{t}set", "a");
        call("ZADD", "{t}zset", "1", "a");
        List<String> keys = List.of("{t}string", "{t}hash", "{t}list", "{t}set", "{t}zset");
        for (String key : keys) {
            assertReply(1, "PEXPIREAT", key, String.valueOf(nowMillis() + 1_000));
        }
        advance(999);
        for (String key : keys) {
            assertReply(1, "PTTL", key);
            assertReply(1, "EXISTS", key);
        }
        assertReply("OK", "RENAME", "{t}string", "{t}renamed");
        advance(1);
        for (String key : List.of("{t}renamed", "{t}hash", "{t}list", "{t}set", "{t}zset")) {
            assertReply(0, "EXISTS", key);
            assertReply("none", "TYPE", key);
            assertReply(-2, "PTTL", key);
        }
        assertEquals(0, harness.dbsize());
    }

    @Test
    void persistRemovesTheTtl() {
        set("k");
        assertReply(0, "PERSIST", "k");
        assertReply(0, "PERSIST", "nope");
        assertReply(1, "EXPIRE", "k", "100");
        assertReply(1, "PERSIST", "k");
        assertReply(-1, "TTL", "k");
        assertReply(0, "PERSIST", "k");
        assertReply("value of k", "GET", "k");
    }

    // RENAME, RENAMENX

    @Test
    void renameMovesTheValueAndItsTtl() {
        set("{t}a");
        assertReply("OK", "RENAME", "{t}a", "{t}b");
        assertReply(0, "EXISTS", "{t}a");
        assertReply("value of {t}a", "GET", "{t}b");
        assertReply(-1, "TTL", "{t}b");
        assertReply(1, "EXPIRE", "{t}b", "100");
        assertReply("OK", "RENAME", "{t}b", "{t}c");
        assertTtl("{t}c", 99, 100);
        // The destination is replaced whole: its own TTL goes, the source's (none) comes.
        set("{t}d");
        assertReply("OK", "RENAME", "{t}d", "{t}c");
        assertReply("value of {t}d", "GET", "{t}c");
        assertReply(-1, "TTL", "{t}c");
    }

    @Test
    void renameOfAMissingOrTheSameKey() {
        assertError("ERR no such key", "RENAME", "{t}nope", "{t}x");
        assertError("ERR no such key", "RENAME", "{t}nope", "{t}nope");
        assertError("ERR no such key", "RENAMENX", "{t}nope", "{t}x");
        assertError("ERR no such key", "RENAMENX", "{t}nope", "{t}nope");
        set("{t}a");
        assertReply(1, "EXPIRE", "{t}a", "100");
        assertReply("OK", "RENAME", "{t}a", "{t}a");
        assertReply(0, "RENAMENX", "{t}a", "{t}a");
        assertReply("value of {t}a", "GET", "{t}a");
        assertTtl("{t}a", 99, 100);
    }

    @Test
    void renamenxOnlyToAMissingKey() {
        set("{t}a", "{t}b");
        assertReply(0, "RENAMENX", "{t}a", "{t}b");
        assertReply("value of {t}b", "GET", "{t}b");
        assertReply(1, "EXPIRE", "{t}a", "100");
        assertReply(1, "RENAMENX", "{t}a", "{t}c");
        assertReply(0, "EXISTS", "{t}a");
        assertReply("value of {t}a", "GET", "{t}c");
        assertTtl("{t}c", 99, 100);
    }

    // COPY

    @Test
    void copyWithinTheDatabase() {
        set("{t}a");
        assertReply(1, "EXPIRE", "{t}a", "100");
        assertReply(1, "COPY", "{t}a", "{t}b");
        assertReply("value of {t}a", "GET", "{t}b");
        assertReply("value of {t}a", "GET", "{t}a");
        assertTtl("{t}b", 99, 100);
        assertReply("OK", "SET", "{t}a", "new");
        assertReply(0, "COPY", "{t}a", "{t}b");
        assertReply("value of {t}a", "GET", "{t}b");
        assertReply(1, "COPY", "{t}a", "{t}b", "REPLACE");
        assertReply("new", "GET", "{t}b");
        assertReply(-1, "TTL", "{t}b");
        assertReply(0, "COPY", "{t}nope", "{t}x");
        assertReply(0, "COPY", "{t}nope", "{t}b", "REPLACE");
        assertReply("new", "GET", "{t}b");
    }

    @Test
    void copyToAnotherDatabase() {
        set("{t}a");
        assertReply(1, "EXPIRE", "{t}a", "100");
        assertReply(1, "COPY", "{t}a", "{t}a", "DB", "1");
        assertReply(0, "COPY", "{t}a", "{t}a", "db", "1");
        assertReply(1, "COPY", "{t}a", "{t}a", "DB", "1", "REPLACE");
        assertReply(1, "COPY", "{t}a", "{t}c", "DB", "1", "DB", "2"); // the last DB wins
        harness.select(1);
        assertReply("value of {t}a", "GET", "{t}a");
        assertTtl("{t}a", 99, 100);
        assertReply(0, "EXISTS", "{t}c");
        harness.select(2);
        assertReply("value of {t}a", "GET", "{t}c");
    }

    @Test
    void copyErrors() {
        set("{t}a");
        String same = "ERR source and destination objects are the same";
        assertError(same, "COPY", "{t}a", "{t}a");
        assertError(same, "COPY", "{t}a", "{t}a", "DB", "0");
        assertError(same, "COPY", "{t}nope", "{t}nope");
        assertError(same, "COPY", "{t}a", "{t}a", "REPLACE", "REPLACE");
        String outOfRange = "ERR DB index is out of range";
        assertError(outOfRange, "COPY", "{t}a", "{t}b", "DB", "16");
        assertError(outOfRange, "COPY", "{t}a", "{t}b", "DB", "-1");
        assertError(outOfRange, "COPY", "{t}nope", "{t}nope", "DB", "16");
        String notAnInt = "ERR value is out of range, value must between -2147483648 and 2147483647";
        assertError(notAnInt, "COPY", "{t}a", "{t}b", "DB", "2147483648");
        assertError(notAnInt, "COPY", "{t}a", "{t}b", "DB", "9223372036854775807");
        assertError(NOT_INTEGER, "COPY", "{t}a", "{t}b", "DB", "abc");
        assertError(NOT_INTEGER, "COPY", "{t}a", "{t}b", "DB", "9223372036854775808");
        assertError("ERR syntax error", "COPY", "{t}a", "{t}b", "DB");
        assertError("ERR syntax error", "COPY", "{t}a", "{t}b", "foo");
        assertError("ERR syntax error", "COPY", "{t}a", "{t}b", "REPLACE", "DB");
        assertReply(0, "EXISTS", "{t}b");
    }
}
