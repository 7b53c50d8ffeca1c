package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The types' replies as a RESP3 client reads them off the wire: maps, sets, nulls and doubles
 * where RESP2 has arrays, nil bulks and strings. What the replies hold is checked in commands'
 * own tests (commands/src/test), without a node.
 */
class Resp3CommandsTest extends NodeTest implements RawCommands {
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
