package io.pikko.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command table is what routing and COMMAND read: it must be complete and its key positions right. */
class CommandTableTest {
    private static List<byte[]> args(String line) {
        return Arrays.stream(line.split(" ")).map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    private static int[] keys(String line) {
        List<byte[]> args = args(line);
        return CommandTable.lookup(new String(args.get(0), StandardCharsets.UTF_8)).orElseThrow().keyPositions(args);
    }

    @Test
    void keyPositionsFollowRedis() {
        assertArrayEquals(new int[] {1}, keys("get k"));
        assertArrayEquals(new int[] {1, 3, 5}, keys("mset a 1 b 2 c 3"));
        assertArrayEquals(new int[] {1, 2}, keys("blpop a b 0"));
        assertArrayEquals(new int[] {1, 3, 4}, keys("zunionstore dst 2 a b WEIGHTS 1 2"));
        assertArrayEquals(new int[] {2, 3}, keys("lmpop 2 a b LEFT"));
        assertArrayEquals(new int[] {3, 4}, keys("blmpop 0 2 a b LEFT"));
        assertArrayEquals(new int[0], keys("zintercard 9 a LIMIT 1"), "numkeys past the end names no keys");
        assertArrayEquals(new int[] {1, 7}, keys("georadius g 0 0 10 km STORE dst"));
        assertArrayEquals(new int[] {1}, keys("georadiusbymember g store 10 km"), "a member named store is no option");
        assertArrayEquals(new int[] {1, 3}, keys("sort k STORE dst"));
        assertArrayEquals(new int[] {2}, keys("object encoding k"));
        assertArrayEquals(new int[0], keys("object help"));
    }

    @Test
    void arityAsRedisCountsIt() {
        CommandSpec get = CommandTable.lookup("GET").orElseThrow();
        assertTrue(get.arityAccepts(2));
        assertEquals(false, get.arityAccepts(3));
        CommandSpec set = CommandTable.lookup("set").orElseThrow();
        assertTrue(set.arityAccepts(3) && set.arityAccepts(9));
        assertEquals(false, set.arityAccepts(2));
        CommandSpec mset = CommandTable.lookup("mset").orElseThrow();
        assertTrue(mset.arityAccepts(3) && mset.arityAccepts(5));
        assertEquals(false, mset.arityAccepts(4), "MSET needs whole key-value pairs");
        assertEquals(false, CommandTable.lookup("msetnx").orElseThrow().arityAccepts(6));
    }

    private static String flags(String command) {
        return String.join(" ", CommandTable.lookup(command).orElseThrow().flags().stream().map(CommandFlag::redisName).toList());
    }

    @Test
    void flagsReadInTheOrderCommandShowsThem() {
        assertEquals("noscript loading stale fast no_auth allow_busy", flags("auth"));
        assertEquals("admin noscript loading stale no_multi allow_busy", flags("shutdown"));
        assertEquals("write noscript blocking fast", flags("bzpopmin"));
        assertEquals("write denyoom noscript blocking", flags("blmove"));
        assertEquals("write blocking movablekeys", flags("blmpop"));
        assertEquals("", flags("client"));
    }

    @Test
    void flagsAreTyped() {
        CommandSpec blpop = CommandTable.lookup("blpop").orElseThrow();
        assertTrue(blpop.hasFlag(CommandFlag.BLOCKING) && blpop.isWrite());
        CommandSpec get = CommandTable.lookup("get").orElseThrow();
        assertTrue(get.hasFlag(CommandFlag.READONLY) && get.hasFlag(CommandFlag.FAST));
        assertEquals(false, get.isWrite());
        assertEquals(false, get.hasFlag(CommandFlag.BLOCKING));
    }
}
