package io.pikko.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD and BITFIELD_RO reply as Redis 7.0.15 does:
 * the expected replies and error texts were taken from a real redis-server.
 */
class BitmapCommandsTest extends CommandTest {
    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    private static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    private static final String SYNTAX = "ERR syntax error";
    private static final String BAD_OFFSET = "ERR bit offset is not an integer or out of range";
    private static final String BAD_BIT = "ERR bit is not an integer or out of range";
    private static final String BAD_TYPE =
            "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.";

    private void setBytes(String key, int... bytes) {
        byte[] value = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            value[i] = (byte) bytes[i];
        }
        setBytes(key, value);
    }

    /** A key of another type: GEOADD makes a sorted set. */
    private void makeZset(String key) {
        assertReply(1, "GEOADD", key, "10", "20", "member");
    }

    private static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }

    // SETBIT and GETBIT

    @Test
    void setbitGrowsTheStringAndReturnsTheOldBit() {
        assertReply(0, "SETBIT", "k", "7", "1");
        assertArrayEquals(bytes(0x01), getBytes("k"));
        assertReply(1, "SETBIT", "k", "7", "0");
        assertReply(0, "SETBIT", "k", "20", "1");
        assertArrayEquals(bytes(0x00, 0x00, 0x08), getBytes("k"));
        assertReply(1, "GETBIT", "k", "20");
        assertReply(0, "GETBIT", "k", "21");
        assertReply(0, "GETBIT", "k", "1000");
        assertReply(0, "GETBIT", "missing", "3");
    }

    @Test
    void setbitWorksOnAnyStringAndKeepsTheTtl() {
        assertReply("OK", "SET", "k", "a");
        assertReply(1, "SETBIT", "k", "7", "0");
        assertReply("`", "GET", "k");
        assertReply(1, "EXPIRE", "k", "100");
        assertReply(0, "SETBIT", "k", "15", "1");
        assertTtl("k", 98, 100);
        // Setting a bit to its current value writes nothing and still answers it.
        assertReply(1, "SETBIT", "k", "15", "1");
    }

    @Test
    void setbitAndGetbitRefuseBadArguments() {
        assertError(BAD_OFFSET, "SETBIT", "k", "-1", "1");
        assertError(BAD_OFFSET, "SETBIT", "k", "abc", "1");
        assertError(BAD_OFFSET, "SETBIT", "k", "4294967296", "1");
        assertError(BAD_BIT, "SETBIT", "k", "1", "2");
        assertError(BAD_BIT, "SETBIT", "k", "1", "-1");
        assertError(BAD_BIT, "SETBIT", "k", "1", "x");
        assertError(BAD_OFFSET, "GETBIT", "k", "-1");
        assertError(BAD_OFFSET, "GETBIT", "k", "1.5");
        assertReply(0, "EXISTS", "k");
        makeZset("list");
        assertError(WRONGTYPE, "SETBIT", "list", "1", "1");
        assertError(WRONGTYPE, "GETBIT", "list", "1");
        // The offset is checked before the type.
        assertError(BAD_OFFSET, "GETBIT", "list", "x");
    }

    // BITCOUNT

    @Test
    void bitcountCountsWholeStringsAndRanges() {
        assertReply("OK", "SET", "k", "foobar");
        assertReply(26, "BITCOUNT", "k");
        assertReply(4, "BITCOUNT", "k", "0", "0");
        assertReply(6, "BITCOUNT", "k", "1", "1");
        assertReply(6, "BITCOUNT", "k", "1", "1", "byte");
        assertReply(1, "BITCOUNT", "k", "1", "1", "BIT");
        assertReply(17, "BITCOUNT", "k", "5", "30", "bit");
        assertReply(7, "BITCOUNT", "k", "-2", "-1");
        assertReply(26, "BITCOUNT", "k", "0", "1000");
        assertReply(0, "BITCOUNT", "k", "-1", "-2");
        assertReply(0, "BITCOUNT", "k", "4", "2");
        assertReply(0, "BITCOUNT", "missing");
        assertReply(0, "BITCOUNT", "missing", "x", "y");
    }

    @Test
    void bitcountRefusesBadArguments() {
        assertReply("OK", "SET", "k", "foobar");
        assertError(SYNTAX, "BITCOUNT", "k", "0");
        assertError(SYNTAX, "BITCOUNT", "k", "0", "1", "bits");
        assertError(SYNTAX, "BITCOUNT", "k", "0", "1", "bit", "x");
        assertError(NOT_INTEGER, "BITCOUNT", "k", "a", "1");
        assertError(NOT_INTEGER, "BITCOUNT", "k", "0", "b");
        // Redis answers 0 for a reversed negative range before it reads the unit.
        assertReply(0, "BITCOUNT", "k", "-1", "-2", "bits");
        makeZset("list");
        assertError(WRONGTYPE, "BITCOUNT", "list");
    }

    // BITPOS

    @Test
    void bitposFindsTheFirstSetOrClearBit() {
        setBytes("k", 0xff, 0xf0, 0x00);
        assertReply(12, "BITPOS", "k", "0");
        assertReply(0, "BITPOS", "k", "1");
        assertReply(-1, "BITPOS", "k", "1", "2");
        assertReply(16, "BITPOS", "k", "0", "2");
        assertReply(12, "BITPOS", "k", "0", "0", "-1");
        assertReply(7, "BITPOS", "k", "1", "7", "15", "bit");
        assertReply(12, "BITPOS", "k", "0", "7", "15", "BIT");
        assertReply(-1, "BITPOS", "k", "0", "0", "11", "bit");
        assertReply(-1, "BITPOS", "k", "1", "20", "10", "bit");
        setBytes("ones", 0xff, 0xff);
        // Without an end the string is taken as followed by zeros; with one it is not.
        assertReply(16, "BITPOS", "ones", "0");
        assertReply(16, "BITPOS", "ones", "0", "0");
        assertReply(-1, "BITPOS", "ones", "0", "0", "-1");
        assertReply(0, "BITPOS", "missing", "0");
        assertReply(-1, "BITPOS", "missing", "1");
        assertReply(-1, "BITPOS", "missing", "1", "x");
    }

    @Test
    void bitposRefusesBadArguments() {
        setBytes("k", 0xff);
        assertError("ERR The bit argument must be 1 or 0.", "BITPOS", "k", "2");
        assertError(NOT_INTEGER, "BITPOS", "k", "x");
        assertError(NOT_INTEGER, "BITPOS", "k", "0", "x");
        assertError(NOT_INTEGER, "BITPOS", "k", "0", "0", "y");
        assertError(SYNTAX, "BITPOS", "k", "0", "0", "1", "bits");
        assertError(SYNTAX, "BITPOS", "k", "0", "0", "1", "bit", "x");
        makeZset("list");
        assertError(WRONGTYPE, "BITPOS", "list", "1");
    }

    // BITOP

    @Test
    void bitopCombinesStringsOfDifferentLengths() {
        setBytes("{t}a", 0xf0, 0x0f, 0xaa);
        setBytes("{t}b", 0x3c, 0xff);
        assertReply(3, "BITOP", "AND", "{t}d", "{t}a", "{t}b");
        assertArrayEquals(bytes(0x30, 0x0f, 0x00), getBytes("{t}d"));
        assertReply(3, "BITOP", "or", "{t}d", "{t}a", "{t}b", "{t}missing");
        assertArrayEquals(bytes(0xfc, 0xff, 0xaa), getBytes("{t}d"));
        assertReply(3, "BITOP", "XOR", "{t}d", "{t}a", "{t}b");
        assertArrayEquals(bytes(0xcc, 0xf0, 0xaa), getBytes("{t}d"));
        assertReply(2, "BITOP", "NOT", "{t}d", "{t}b");
        assertArrayEquals(bytes(0xc3, 0x00), getBytes("{t}d"));
        assertReply(3, "BITOP", "AND", "{t}d", "{t}a", "{t}missing");
        assertArrayEquals(bytes(0, 0, 0), getBytes("{t}d"));
    }

    @Test
    void bitopReplacesTheTargetAndDeletesItForEmptyInputs() {
        assertReply("OK", "SET", "{t}a", "x");
        makeZset("{t}d");
        assertReply(1, "BITOP", "OR", "{t}d", "{t}a");
        assertReply("x", "GET", "{t}d");
        assertReply(1, "EXPIRE", "{t}d", "100");
        assertReply(1, "BITOP", "OR", "{t}d", "{t}a");
        assertReply(-1, "TTL", "{t}d");
        assertReply(0, "BITOP", "AND", "{t}d", "{t}none1", "{t}none2");
        assertReply(0, "EXISTS", "{t}d");
    }

    @Test
    void bitopRefusesBadArguments() {
        assertError(SYNTAX, "BITOP", "NAND", "{t}d", "{t}a");
        assertError("ERR BITOP NOT must be called with a single source key.", "BITOP", "NOT", "{t}d", "{t}a", "{t}b");
        makeZset("{t}list");
        assertReply("OK", "SET", "{t}a", "x");
        assertError(WRONGTYPE, "BITOP", "AND", "{t}d", "{t}a", "{t}list");
        assertReply(0, "EXISTS", "{t}d");
    }

    // BITFIELD

    @Test
    void bitfieldGetsSetsAndIncrements() {
        assertReply(List.of(0L), "BITFIELD", "k", "SET", "i8", "0", "-100");
        assertReply(List.of(-100L, 156L, 0L), "BITFIELD", "k", "GET", "i8", "0", "GET", "u8", "0", "GET", "u8", "8");
        assertReply(List.of(0L, 10L), "BITFIELD", "k", "set", "u4", "#2", "15", "incrby", "u4", "#3", "10");
        assertArrayEquals(bytes(0x9c, 0xfa), getBytes("k"));
        assertReply(List.of(-6L, 250L), "BITFIELD_RO", "k", "GET", "i4", "12", "GET", "u8", "#1");
        assertReply(List.of(0L), "BITFIELD", "k", "GET", "u63", "1000");
        assertReply(List.of(), "BITFIELD", "k");
        assertReply(List.of(0L), "BITFIELD", "missing", "GET", "i64", "0");
        assertReply(0, "EXISTS", "missing");
    }

    @Test
    void bitfieldOverflowPolicies() {
        assertReply(List.of(0L, 255L), "BITFIELD", "k", "SET", "u8", "0", "255", "GET", "u8", "0");
        assertReply(List.of(4L), "BITFIELD", "k", "INCRBY", "u8", "0", "5");
        assertReply(List.of(255L), "BITFIELD", "k", "OVERFLOW", "SAT", "INCRBY", "u8", "0", "1000");
        assertReply(Arrays.asList((Object) null), "BITFIELD", "k", "OVERFLOW", "FAIL", "INCRBY", "u8", "0", "1");
        assertReply(List.of(0L), "BITFIELD", "k", "OVERFLOW", "SAT", "INCRBY", "u8", "0", "-1000");
        assertReply(List.of(127L, -128L, -128L), "BITFIELD", "s", "INCRBY", "i8", "0", "127",
                "INCRBY", "i8", "0", "1", "OVERFLOW", "SAT", "INCRBY", "i8", "0", "-1");
        assertReply(List.of(-128L, -56L), "BITFIELD", "s", "SET", "i8", "0", "200", "GET", "i8", "0");
        assertReply(List.of(Long.MAX_VALUE), "BITFIELD", "w", "OVERFLOW", "SAT", "INCRBY", "i64", "0", "9223372036854775807");
        assertReply(List.of(Long.MAX_VALUE), "BITFIELD", "w", "OVERFLOW", "SAT", "INCRBY", "i64", "0", "1");
        assertReply(List.of(Long.MIN_VALUE), "BITFIELD", "w", "OVERFLOW", "WRAP", "INCRBY", "i64", "0", "1");
    }

    @Test
    void bitfieldWritesCreateAndGrowTheStringEvenWhenTheyFail() {
        assertReply(Arrays.asList((Object) null), "BITFIELD", "k", "OVERFLOW", "FAIL", "SET", "u2", "20", "9");
        assertArrayEquals(bytes(0, 0, 0), getBytes("k"));
        assertReply(1, "EXPIRE", "k", "100");
        assertReply(List.of(0L), "BITFIELD", "k", "SET", "u8", "#3", "1");
        assertArrayEquals(bytes(0, 0, 0, 1), getBytes("k"));
        assertTtl("k", 98, 100);
    }

    @Test
    void bitfieldRefusesBadArguments() {
        assertError(SYNTAX, "BITFIELD", "k", "GET", "u8");
        assertError(SYNTAX, "BITFIELD", "k", "FOO", "u8", "0");
        assertError(SYNTAX, "BITFIELD", "k", "SET", "u8", "0");
        assertError("ERR Invalid OVERFLOW type specified", "BITFIELD", "k", "OVERFLOW", "CLAMP");
        assertError(BAD_TYPE, "BITFIELD", "k", "GET", "u64", "0");
        assertError(BAD_TYPE, "BITFIELD", "k", "GET", "i65", "0");
        assertError(BAD_TYPE, "BITFIELD", "k", "GET", "i0", "0");
        assertError(BAD_TYPE, "BITFIELD", "k", "GET", "x8", "0");
        assertError(BAD_OFFSET, "BITFIELD", "k", "GET", "u8", "-1");
        assertError(BAD_OFFSET, "BITFIELD", "k", "GET", "u8", "#-1");
        assertError(BAD_OFFSET, "BITFIELD", "k", "GET", "u8", "4294967296");
        assertError(NOT_INTEGER, "BITFIELD", "k", "SET", "u8", "0", "1.5");
        assertError(NOT_INTEGER, "BITFIELD", "k", "INCRBY", "u8", "0", "x");
        assertError("ERR BITFIELD_RO only supports the GET subcommand", "BITFIELD_RO", "k", "SET", "u8", "0", "1");
        assertReply(0, "EXISTS", "k");
        makeZset("list");
        assertError(WRONGTYPE, "BITFIELD", "list", "GET", "u8", "0");
        assertError(WRONGTYPE, "BITFIELD", "list", "SET", "u8", "0", "1");
        assertError(WRONGTYPE, "BITFIELD_RO", "list", "GET", "u8", "0");
        assertError("ERR BITFIELD_RO only supports the GET subcommand", "BITFIELD_RO", "list", "INCRBY", "u8", "0", "1");
    }

    @Test
    void bitCommandsSeeStringsSetByOtherCommands() {
        assertReply(12345, "INCRBY", "n", "12345");
        assertReply(17, "BITCOUNT", "n");
        assertReply(List.of(0x31L), "BITFIELD_RO", "n", "GET", "u8", "0");
        assertNull(call("GET", "missing"));
        assertTrue(number("BITPOS", "n", "1") == 2);
        assertEquals(1L, number("GETBIT", "n", "2"));
    }
}
