package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.protocol.SlotHash;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What the gateway adds to the commands a slot runs, whose replies commands' own tests check
 * without a node (commands/src/test). Keys of several slots: a multi-key command Codis splits
 * (MSET, MGET, DEL, UNLINK, EXISTS, TOUCH) goes to every slot its keys are in and comes back as one
 * reply, in the order of the keys; every other one needs its keys in one slot and is refused with
 * CROSSSLOT before any key is looked at. And the types' replies as a RESP3 client reads them off
 * the wire: maps, sets, nulls and doubles where RESP2 has arrays, nil bulks and strings.
 */
class GatewayCommandsTest extends NodeTest implements RawCommands {
    private static final String CROSSSLOT = "CROSSSLOT Keys in request don't hash to the same slot";

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

    private static int slot(String key) {
        return SlotHash.slotOf(key.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void msetAndMgetAcrossManySlotsKeepTheOrder() {
        List<String> keys = new ArrayList<>();
        List<String> mset = new ArrayList<>(List.of("MSET"));
        for (int i = 0; i < 300; i++) {
            keys.add("key:" + i);
            mset.add("key:" + i);
            mset.add("value:" + i);
        }
        assertTrue(keys.stream().map(k -> SlotHash.slotOf(k.getBytes(StandardCharsets.UTF_8))).distinct().count() > 100);
        assertReply("OK", mset.toArray(String[]::new));
        List<String> asked = new ArrayList<>(keys);
        asked.addAll(List.of("missing:1", "missing:2", "key:7", "key:7"));
        Collections.shuffle(asked, new Random(42));
        List<String> expected = asked.stream()
                .map(k -> k.startsWith("key:") ? "value:" + k.substring(4) : null)
                .toList();
        List<String> mget = new ArrayList<>(List.of("MGET"));
        mget.addAll(asked);
        assertReply(expected, mget.toArray(String[]::new));
    }

    @Test
    void msetnxNeedsItsKeysInOneSlot() {
        assertNotEquals(SlotHash.slotOf("a".getBytes()), SlotHash.slotOf("b".getBytes()));
        assertError(CROSSSLOT, "MSETNX", "a", "1", "b", "2");
        assertReply(Arrays.asList(null, null), "MGET", "a", "b");
    }

    @Test
    void delAndUnlinkCountEachDeletedKeyOnce() {
        set("a", "b", "c");
        assertReply(2, "DEL", "a", "b", "nope", "a");
        assertReply(0, "DEL", "a");
        assertReply(1, "UNLINK", "c", "c", "nope");
        assertReply(0, "EXISTS", "a", "b", "c");
    }

    @Test
    void existsAndTouchCountRepeatedKeys() {
        set("a", "b");
        assertReply(4, "EXISTS", "a", "a", "b", "nope", "b");
        assertReply(3, "TOUCH", "a", "a", "nope", "b");
        assertReply(0, "EXISTS", "nope");
    }

    @Test
    void multiKeyCommandsWorkAcrossManySlots() {
        List<String> keys = IntStream.range(0, 200).mapToObj(i -> "key:" + i).toList();
        assertTrue(keys.stream().map(GatewayCommandsTest::slot).distinct().count() > 100);
        set(keys.toArray(String[]::new));
        List<String> withExtras = new ArrayList<>(keys);
        withExtras.addAll(List.of("key:0", "key:199", "missing:1", "missing:2"));
        assertReply(202, command("EXISTS", withExtras));
        assertReply(202, command("TOUCH", withExtras));
        assertReply(100, command("DEL", keys.subList(0, 100)));
        assertReply(101, command("EXISTS", withExtras)); // key:199 twice, the rest of the second half once
        assertReply(100, command("UNLINK", withExtras));
        assertReply(0, command("EXISTS", withExtras));
        assertReply(0L, "DBSIZE");
    }

    @Test
    void renameAndCopyNeedTheirKeysInOneSlot() {
        assertNotEquals(slot("a"), slot("b"));
        assertEquals(slot("{t}a"), slot("{t}b"));
        set("a", "b");
        assertError(CROSSSLOT, "RENAME", "a", "b");
        assertError(CROSSSLOT, "RENAMENX", "a", "c");
        assertError(CROSSSLOT, "COPY", "a", "b", "REPLACE");
        assertError(CROSSSLOT, "COPY", "a", "b", "DB", "1");
        assertError(CROSSSLOT, "RENAME", "nope", "b"); // refused before the key is looked at
        assertReply("value of a", "GET", "a");
        assertReply("value of b", "GET", "b");
        assertReply(2L, "DBSIZE");
    }

    @Test
    void multiKeyCommandsOfEveryTypeNeedTheirKeysInOneSlot() {
        assertNotEquals(slot("a"), slot("b"));
        assertError(CROSSSLOT, "LMOVE", "a", "b", "LEFT", "LEFT");
        assertError(CROSSSLOT, "SMOVE", "{a}1", "{b}2", "x");
        assertError(CROSSSLOT, "SUNION", "{a}1", "{b}2");
        assertError(CROSSSLOT, "ZUNIONSTORE", "{a}d", "1", "{b}z");
        assertError(CROSSSLOT, "BITOP", "AND", "d", "a", "b");
        assertError(CROSSSLOT, "PFCOUNT", "a", "b");
        assertError(CROSSSLOT, "GEORADIUS", "{s}", "15", "37", "200", "km", "STORE", "elsewhere");
        assertReply(0, "EXISTS", "a", "b", "{a}d", "d", "elsewhere");
    }

    // RESP3

    @Test
    void hashRepliesAreMapsInResp3() throws Exception {
        assertReply(2, "HSET", "h", "a", "1", "b", "2");
        assertReply(1, "HSET", "one", "a", "1");
        try (ConnectionCommandsTest.RawClient raw = new ConnectionCommandsTest.RawClient(node.port())) {
            assertEquals("*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n", raw.call("HGETALL", "h"));
            raw.call("HELLO", "3");
            assertEquals("%2\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n", raw.call("HGETALL", "h"));
            assertEquals("%0\r\n", raw.call("HGETALL", "nokey"));
            assertEquals("*2\r\n$1\r\na\r\n$1\r\nb\r\n", raw.call("HKEYS", "h"));
            assertEquals("*0\r\n", raw.call("HVALS", "nokey"));
            assertEquals("_\r\n", raw.call("HGET", "h", "nope"));
            assertEquals("_\r\n", raw.call("HRANDFIELD", "nokey"));
            assertEquals("*1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n", raw.call("HRANDFIELD", "one", "1", "WITHVALUES"));
            assertEquals("*2\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n",
                    raw.call("HRANDFIELD", "one", "-2", "WITHVALUES"));
            assertEquals("*1\r\n$1\r\na\r\n", raw.call("HRANDFIELD", "one", "5"));
            assertEquals("*0\r\n", raw.call("HRANDFIELD", "nokey", "5", "WITHVALUES"));
        }
    }

    @Test
    void setRepliesAreSetsInResp3() throws Exception {
        assertReply(2, "SADD", "s", "a", "b");
        assertReply(1, "SADD", "{s}a", "a");
        assertReply(1, "SADD", "{s}b", "b");
        try (ConnectionCommandsTest.RawClient raw = new ConnectionCommandsTest.RawClient(node.port())) {
            raw.call("HELLO", "3");
            assertEquals("~2\r\n$1\r\na\r\n$1\r\nb\r\n", raw.call("SMEMBERS", "s"));
            assertEquals("~0\r\n", raw.call("SMEMBERS", "nokey"));
            assertEquals("~0\r\n", raw.call("SINTER", "{s}a", "{s}nokey"));
            assertEquals("~0\r\n", raw.call("SUNION", "nokey"));
            assertEquals("~0\r\n", raw.call("SDIFF", "{s}nokey", "{s}a"));
            assertEquals("~2\r\n$1\r\na\r\n$1\r\nb\r\n", raw.call("SUNION", "{s}a", "{s}b"));
            assertEquals("*0\r\n", raw.call("SRANDMEMBER", "nokey", "3"));
            assertEquals("~0\r\n", raw.call("SPOP", "nokey", "3"));
            assertEquals("~0\r\n", raw.call("SPOP", "s", "0"));
            assertEquals("_\r\n", raw.call("SPOP", "nokey"));
            assertEquals("_\r\n", raw.call("SRANDMEMBER", "nokey"));
            assertEquals("*2\r\n:1\r\n:0\r\n", raw.call("SMISMEMBER", "s", "a", "x"));
            assertEquals(":1\r\n", raw.call("SISMEMBER", "s", "b"));
            assertTrue(raw.call("SRANDMEMBER", "s", "2").startsWith("*2\r\n"));
            assertTrue(raw.call("SPOP", "s", "1").startsWith("~1\r\n"));
        }
    }

    @Test
    void sortedSetRepliesCarryDoublesInResp3() throws IOException {
        assertReply(2, "ZADD", "{t}z", "1.5", "a", "2", "b");
        assertEquals(",1.5\r\n", resp3("ZSCORE", "{t}z", "a"));
        assertEquals("*2\r\n$4\r\n{t}z\r\n*1\r\n*2\r\n$1\r\na\r\n,1.5\r\n", resp3("ZMPOP", "1", "{t}z", "MIN"));
        assertEquals("*2\r\n$1\r\n0\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n", resp3("ZSCAN", "{t}z", "0"));
    }

    /** The raw reply to one command on a connection switched to RESP3 with HELLO 3. */
    private String resp3(String... command) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", node.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(encode("HELLO", "3"));
            out.write(encode(command));
            out.write(encode("PING"));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder text = new StringBuilder();
            while (!text.toString().endsWith("+PONG\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                text.append((char) b);
            }
            String all = text.toString();
            String afterHello = all.substring(all.indexOf("modules\r\n*0\r\n") + "modules\r\n*0\r\n".length());
            return afterHello.substring(0, afterHello.length() - "+PONG\r\n".length());
        }
    }

    private static byte[] encode(String... args) {
        StringBuilder s = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            s.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }
}
