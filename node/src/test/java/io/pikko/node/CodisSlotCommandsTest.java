package io.pikko.node;

import static io.pikko.node.ConnectionCommandsTest.call;
import static io.pikko.node.ConnectionCommandsTest.command;
import static io.pikko.node.ConnectionCommandsTest.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.protocol.SlotHash;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * codis-server 3.2's slot commands on one node, each reply shape and error text as codis-server
 * gives it: SLOTSSCAN, SLOTSDEL, SLOTSCHECK, SLOTSRESTORE, SLOTSMGRT-EXEC-WRAPPER and the
 * SLOTSRESTORE-ASYNC messages a migrating codis-server (or Pikko node) sends its target.
 */
class CodisSlotCommandsTest extends NodeTest {

    /** Replies as plain values, an error inside an array as "!" and its text. */
    static Object shape(Object reply) {
        if (reply instanceof JedisDataException e) {
            return "!" + e.getMessage();
        }
        if (reply instanceof List<?> items) {
            return items.stream().map(CodisSlotCommandsTest::shape).toList();
        }
        return RawCommands.plain(reply);
    }

    static Object raw(Jedis jedis, String name, String... args) {
        return shape(jedis.sendCommand(command(name), args));
    }

    static Object raw(Jedis jedis, String name, byte[]... args) {
        return shape(jedis.sendCommand(command(name), args));
    }

    /** {@code count} keys named {@code prefix:N} that all hash to {@code slot}. */
    static List<String> keysInSlot(String prefix, int slot, int count) {
        List<String> keys = new ArrayList<>();
        for (long i = 0; keys.size() < count; i++) {
            String key = prefix + ":" + i;
            if (SlotHash.slotOf(key.getBytes(StandardCharsets.UTF_8)) == slot) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static int slotOf(String key) {
        return SlotHash.slotOf(key.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void slotsscanWalksOneSlot() {
        List<String> keys = keysInSlot("scan", 77, 25);
        keys.forEach(k -> jedis.set(k, "v"));
        jedis.set("elsewhere", "v");
        Set<String> seen = new HashSet<>();
        String cursor = "0";
        do {
            List<?> reply = (List<?>) call(jedis, "SLOTSSCAN", "77", cursor, "COUNT", "10");
            assertEquals(2, reply.size());
            cursor = (String) reply.get(0);
            for (Object key : (List<?>) reply.get(1)) {
                seen.add((String) key);
            }
        } while (!cursor.equals("0"));
        assertEquals(Set.copyOf(keys), seen);
        assertEquals(List.of("0", List.of()), call(jedis, "SLOTSSCAN", "78", "0"));
        assertEquals("ERR invalid slot number = 1024", error(jedis, "SLOTSSCAN", "1024", "0"));
        assertEquals("ERR invalid cursor", error(jedis, "SLOTSSCAN", "1", "x"));
        assertEquals("ERR wrong number of arguments for 'slotsscan' command", error(jedis, "SLOTSSCAN", "1", "0", "COUNT"));
        assertEquals("ERR syntax error", error(jedis, "SLOTSSCAN", "1", "0", "LIMIT", "3"));
        assertEquals("ERR syntax error", error(jedis, "SLOTSSCAN", "1", "0", "COUNT", "0"));
    }

    @Test
    void slotsdelEmptiesSlotsAndSlotscheckFindsEveryKeyInItsSlot() {
        List<String> a = keysInSlot("del", 5, 10);
        List<String> b = keysInSlot("del", 6, 3);
        a.forEach(k -> jedis.rpush(k, "x"));
        b.forEach(k -> jedis.sadd(k, "x"));
        jedis.set("keep", "v");
        assertEquals("OK", call(jedis, "SLOTSCHECK"));
        assertEquals(List.of(List.of(5L, 0L), List.of(6L, 0L)), call(jedis, "SLOTSDEL", "5", "6"));
        assertEquals(1L, jedis.dbSize());
        assertEquals("v", jedis.get("keep"));
        assertEquals("ERR invalid slot number = -1", error(jedis, "SLOTSDEL", "-1"));
        assertEquals("ERR wrong number of arguments for 'slotsdel' command", error(jedis, "SLOTSDEL"));
    }

    @Test
    void slotsrestoreTakesDumpPayloadsAndReplaces() {
        jedis.hset("h", Map.of("f", "1", "g", "2"));
        jedis.zadd("{t}z", 1.5, "m");
        byte[] hash = jedis.dump("h");
        byte[] zset = jedis.dump("{t}z");
        jedis.del("h", "{t}z");
        jedis.set("h", "old");
        assertEquals("OK", raw(jedis, "SLOTSRESTORE", "h".getBytes(), "0".getBytes(), hash, "{t}z".getBytes(), "50000".getBytes(), zset));
        assertEquals(Map.of("f", "1", "g", "2"), jedis.hgetAll("h"));
        assertEquals(-1L, jedis.pttl("h"));
        assertEquals(1.5, jedis.zscore("{t}z", "m"));
        long pttl = jedis.pttl("{t}z");
        assertTrue(pttl > 40_000 && pttl <= 50_000, "pttl " + pttl);
        assertEquals("ERR invalid ttl value, must be >= 0", error(jedis, "SLOTSRESTORE", "k", "-1", "x"));
        assertEquals("ERR dump payload version or checksum are wrong", error(jedis, "SLOTSRESTORE", "k", "0", "garbage"));
        assertEquals("ERR wrong number of arguments for 'slotsrestore' command", error(jedis, "SLOTSRESTORE", "k", "0", "x", "y"));
        assertEquals(0L, jedis.exists("k") ? 1L : 0L);
    }

    @Test
    void execWrapperAnswersAsTheProxyExpects() {
        assertEquals(List.of(0L, "!ERR the specified key doesn't exist"), raw(jedis, "SLOTSMGRT-EXEC-WRAPPER", "k", "get", "k"));
        jedis.set("k", "v");
        assertEquals(List.of(2L, "v"), raw(jedis, "SLOTSMGRT-EXEC-WRAPPER", "k", "get", "k"));
        assertEquals(List.of(2L, "OK"), raw(jedis, "SLOTSMGRT-EXEC-WRAPPER", "k", "SET", "k", "w"));
        assertEquals("w", jedis.get("k"));
        assertEquals(List.of(2L, "!WRONGTYPE Operation against a key holding the wrong kind of value"),
                raw(jedis, "SLOTSMGRT-EXEC-WRAPPER", "k", "hget", "k", "f"));
        assertEquals(List.of(-1L, "!ERR invalid command specified (nosuch)"), raw(jedis, "SLOTSMGRT-EXEC-WRAPPER", "k", "nosuch", "k"));
        assertEquals(List.of(-1L, "!ERR wrong number of arguments for command (get)"),
                raw(jedis, "SLOTSMGRT-EXEC-WRAPPER", "k", "get", "k", "extra"));
        assertEquals("ERR wrong number of arguments for 'slotsmgrt-exec-wrapper' command", error(jedis, "SLOTSMGRT-EXEC-WRAPPER", "k"));
    }

    @Test
    void restoreAsyncMessagesBuildKeysAndAcknowledge() {
        List<Object> ok = List.of("SLOTSRESTORE-ASYNC-ACK", "0", "OK");
        assertEquals(ok, raw(jedis, "SLOTSRESTORE-ASYNC-SELECT", "3"));
        assertEquals(ack(0, "0"), raw(jedis, "SLOTSRESTORE-ASYNC", "delete", "s"));
        assertEquals(ack(0, "1"), raw(jedis, "SLOTSRESTORE-ASYNC", "string", "s", "0", "value"));
        assertEquals(ack(0, "2"), raw(jedis, "SLOTSRESTORE-ASYNC", "hash", "h", "90000", "4", "a", "1", "b", "2"));
        assertEquals(ack(0, "4"), raw(jedis, "SLOTSRESTORE-ASYNC", "hash", "h", "90000", "4", "c", "3", "d", "4"));
        assertEquals(ack(0, "1"), raw(jedis, "SLOTSRESTORE-ASYNC", "expire", "h", "0"));
        assertEquals(ack(0, "3"), raw(jedis, "SLOTSRESTORE-ASYNC", "list", "l", "0", "3", "x", "y", "z"));
        assertEquals(ack(0, "2"), raw(jedis, "SLOTSRESTORE-ASYNC", "dict", "d", "0", "2", "p", "q"));
        assertEquals(ack(0, "2"), raw(jedis, "SLOTSRESTORE-ASYNC", "zset".getBytes(), "z".getBytes(), "0".getBytes(),
                "2".getBytes(), "m".getBytes(), bits(2.5), "n".getBytes(), bits(Double.NEGATIVE_INFINITY)));
        jedis.select(0);
        jedis.set("string-in-0", "x");
        byte[] payload = jedis.dump("string-in-0");
        jedis.select(3);
        assertEquals(ack(0, "1"), raw(jedis, "SLOTSRESTORE-ASYNC", "object".getBytes(), "o".getBytes(),
                "60000".getBytes(), payload));
        assertEquals("value", jedis.get("s"));
        assertEquals(Map.of("a", "1", "b", "2", "c", "3", "d", "4"), jedis.hgetAll("h"));
        assertEquals(-1L, jedis.pttl("h"));
        assertEquals(List.of("x", "y", "z"), jedis.lrange("l", 0, -1));
        assertEquals(Set.of("p", "q"), jedis.smembers("d"));
        assertEquals(2.5, jedis.zscore("z", "m"));
        assertEquals(Double.NEGATIVE_INFINITY, jedis.zscore("z", "n"));
        assertEquals("x", jedis.get("o"));
        assertTrue(jedis.pttl("o") > 50_000);
        jedis.select(0);
        assertEquals(List.of("!ERR invalid client, permission denied").get(0), "!" + error(jedis, "SLOTSRESTORE-ASYNC-ACK", "0", "x"));
        assertEquals(ack(-1, "Client sent AUTH, but no password is set"), raw(node.client(), "SLOTSRESTORE-ASYNC-AUTH", "pw"));
    }

    @Test
    void malformedRestoreAsyncIsRefusedAndClosesTheConnection() {
        String[][] bad = {
            {"string", "k", "-5", "v"},
            {"string", "k", "0"},
            {"hash", "k", "0", "1", "odd"},
            {"zset", "k", "0", "1", "m", "notbits"},
            {"list", "k", "0", "x"},
            {"expire", "missing", "0"},
            {"object", "k", "0", "garbage"},
            {"frobnicate", "k", "0"},
        };
        String[] expected = {
            "invalid TTL value (TTL=-5)",
            "wrong number of arguments (argc=4,cmd=string)",
            "wrong number of arguments (argc=6,cmd=hash)",
            "invalid zset score ([0]), bad raw bits",
            "invalid Hint value (Hint=x)",
            "the specified key doesn't exist (missing)",
            "invalid payload checksum",
            "unknown command (argc=4,cmd=frobnicate)",
        };
        for (int i = 0; i < bad.length; i++) {
            try (Jedis client = node.client()) {
                assertEquals(ack(-1, expected[i]), raw(client, "SLOTSRESTORE-ASYNC", bad[i]), String.join(" ", bad[i]));
                assertThrows(JedisConnectionException.class, client::ping, "the connection closes after a refused message");
            }
        }
        jedis.set("k", "v");
        try (Jedis client = node.client()) {
            assertEquals(ack(-1, "the specified key already exists (k)"), raw(client, "SLOTSRESTORE-ASYNC", "string", "k", "0", "w"));
        }
        assertEquals("v", jedis.get("k"));
        assertEquals(1L, jedis.dbSize());
    }

    private static List<Object> ack(int errno, String message) {
        return List.of("SLOTSRESTORE-ASYNC-ACK", Integer.toString(errno), message);
    }

    private static byte[] bits(double score) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(Double.doubleToRawLongBits(score)).array();
    }
}
