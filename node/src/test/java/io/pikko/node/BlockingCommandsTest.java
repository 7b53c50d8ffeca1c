package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Blocking pops wait without holding up anyone else, are served first come first by later pushes,
 * end at their timeout with a null array, and are dropped when their client goes away.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlockingCommandsTest implements RawCommands {
    private TestNode node;
    private Jedis jedis;
    private final List<Jedis> waiters = new ArrayList<>();
    private ExecutorService pool;

    @BeforeAll
    void startNode() {
        node = TestNode.start();
        jedis = node.client();
        pool = Executors.newCachedThreadPool();
    }

    @AfterAll
    void stopNode() {
        pool.shutdownNow();
        jedis.close();
        node.close();
    }

    @BeforeEach
    void flush() {
        jedis.flushAll();
    }

    @AfterEach
    void closeWaiters() {
        waiters.forEach(Jedis::close);
        waiters.clear();
    }

    @Override
    public Jedis jedis() {
        return jedis;
    }

    /** Runs a command on a connection of its own, in the background. */
    private Future<Object> inBackground(String... command) {
        Jedis client = node.client();
        waiters.add(client);
        return inBackground(client, command);
    }

    private Future<Object> inBackground(Jedis client, String... command) {
        Callable<Object> call = () -> {
            try {
                return new Client(client).call(command);
            } catch (JedisDataException e) {
                return "error: " + e.getMessage();
            }
        };
        return pool.submit(call);
    }

    /** Starts a blocking command on a connection of its own and returns once the node has it waiting. */
    private Future<Object> blocked(String... command) throws Exception {
        Jedis client = node.client();
        waiters.add(client);
        return blocked(client, command);
    }

    private Future<Object> blocked(Jedis client, String... command) throws Exception {
        int before = waiting(command[0]);
        Future<Object> reply = inBackground(client, command);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (waiting(command[0]) == before) {
            assertTrue(System.nanoTime() < deadline, "the command never arrived");
            Thread.sleep(10);
        }
        // The connection has sent it; give the slot a moment to have it queued.
        Thread.sleep(50);
        assertFalse(reply.isDone(), () -> String.join(" ", command) + " should wait, but answered " + result(reply));
        return reply;
    }

    /** Connections whose last command is {@code name}, by CLIENT LIST. */
    private int waiting(String name) {
        String list = jedis.clientList();
        String needle = "cmd=" + name.toLowerCase() + " ";
        int count = 0;
        for (String line : list.split("\n")) {
            if (line.contains(needle)) {
                count++;
            }
        }
        return count;
    }

    private static Object result(Future<Object> future) {
        try {
            return future.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no reply", e);
        }
    }

    private static void assertStillWaiting(Future<Object> future) throws Exception {
        try {
            Object reply = future.get(200, TimeUnit.MILLISECONDS);
            throw new AssertionError("expected it to wait, but it answered " + reply);
        } catch (TimeoutException expected) {
            // Still blocked.
        }
    }

    @Test
    void threeBlockedClientsAreServedFirstComeFirstServed() throws Exception {
        Future<Object> first = blocked("BLPOP", "{q}q", "0");
        Future<Object> second = blocked("BLPOP", "{q}q", "0");
        Future<Object> third = blocked("BRPOP", "{q}other", "{q}q", "0");
        assertReply(1, "RPUSH", "{q}q", "a");
        assertEquals(List.of("{q}q", "a"), result(first));
        assertStillWaiting(second);
        assertStillWaiting(third);
        assertReply(2, "RPUSH", "{q}q", "b", "c");
        assertEquals(List.of("{q}q", "b"), result(second));
        assertEquals(List.of("{q}q", "c"), result(third));
        assertReply(0, "EXISTS", "{q}q");
    }

    @Test
    void aPushServesAsManyWaitersAsItHasElementsAndLeavesTheRest() throws Exception {
        Future<Object> first = blocked("BLPOP", "q", "0");
        Future<Object> second = blocked("BLMPOP", "0", "1", "q", "RIGHT", "COUNT", "2");
        Future<Object> third = blocked("BLPOP", "q", "0");
        assertReply(4, "RPUSH", "q", "a", "b", "c", "d");
        assertEquals(List.of("q", "a"), result(first));
        assertEquals(List.of("q", List.of("d", "c")), result(second));
        assertEquals(List.of("q", "b"), result(third));
        Future<Object> fourth = blocked("BLPOP", "q", "0");
        assertReply(1, "LPUSH", "q", "e");
        assertEquals(List.of("q", "e"), result(fourth));
    }

    @Test
    void aTimeoutAnswersANullArrayAfterAboutTheTimeout() {
        long start = System.nanoTime();
        assertNull(call("BLPOP", "none", "0.3"));
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsed >= 280 && elapsed < 1500, "took " + elapsed + " ms");
        // Redis rounds the wait up to whole milliseconds: this one ends at once rather than never.
        assertNull(call("BLPOP", "none", "0.0001"));
        assertNull(call("BLMOVE", "{t}none", "{t}dst", "LEFT", "LEFT", "0.05"));
        assertNull(call("BLMPOP", "0.05", "2", "{t}none", "{t}dst", "LEFT"));
        assertReply(0, "EXISTS", "{t}dst");
    }

    /** The gateway's request timeout (5 s) cuts neither a longer timeout nor a wait for ever. */
    @Test
    void waitsOutlastTheRequestTimeout() throws Exception {
        Future<Object> forever = blocked("BRPOP", "k", "0");
        long start = System.nanoTime();
        Future<Object> longer = blocked("BRPOPLPUSH", "{t}none", "{t}dst", "5.6");
        assertNull(longer.get(15, TimeUnit.SECONDS));
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsed >= 5_550 && elapsed < 8_000, "took " + elapsed + " ms");
        assertStillWaiting(forever);
        assertReply(1, "LPUSH", "k", "late");
        assertEquals(List.of("k", "late"), result(forever));
    }

    @Test
    void blmoveMovesIntoAnotherListWhenTheSourceGetsElements() throws Exception {
        Future<Object> move = blocked("BLMOVE", "{t}src", "{t}dst", "RIGHT", "LEFT", "0");
        assertReply(2, "RPUSH", "{t}src", "x", "y");
        assertEquals("y", result(move));
        assertReply(List.of("x"), "LRANGE", "{t}src", "0", "-1");
        assertReply(List.of("y"), "LRANGE", "{t}dst", "0", "-1");

        // An element moved by a served BLMOVE serves a client waiting on its destination.
        Future<Object> relay = blocked("BRPOPLPUSH", "{t}in", "{t}out", "0");
        Future<Object> end = blocked("BLPOP", "{t}out", "0");
        assertReply(1, "RPUSH", "{t}in", "baton");
        assertEquals("baton", result(relay));
        assertEquals(List.of("{t}out", "baton"), result(end));
        assertReply(0, "EXISTS", "{t}in", "{t}out");
    }

    @Test
    void lmoveIntoAWaitedKeyServesTheWaiter() throws Exception {
        jedis.rpush("{t}a", "1", "2");
        Future<Object> waiter = blocked("BLPOP", "{t}b", "0");
        assertReply("2", "RPOPLPUSH", "{t}a", "{t}b");
        assertEquals(List.of("{t}b", "2"), result(waiter));
        assertReply(0, "EXISTS", "{t}b");
    }

    @Test
    void aBlmoveToADestinationOfAnotherTypeIsAnsweredWithWrongtype() throws Exception {
        Future<Object> move = blocked("BLMOVE", "{t}src", "{t}dst", "LEFT", "LEFT", "0");
        jedis.set("{t}dst", "string");
        assertReply(1, "RPUSH", "{t}src", "kept");
        assertEquals("error: WRONGTYPE Operation against a key holding the wrong kind of value", result(move));
        assertReply(List.of("kept"), "LRANGE", "{t}src", "0", "-1");
    }

    @Test
    void waitersOfAnotherDatabaseOrTypeAreNotServed() throws Exception {
        Jedis db1 = node.client();
        waiters.add(db1);
        db1.select(1);
        Future<Object> waiter = blocked(db1, "BLPOP", "k", "0");
        assertReply(1, "RPUSH", "k", "db0");
        assertStillWaiting(waiter);
        jedis.select(1);
        assertReply(1, "RPUSH", "k", "db1");
        jedis.select(0);
        assertEquals(List.of("k", "db1"), result(waiter));
        assertReply(List.of("db0"), "LRANGE", "k", "0", "-1");

        Future<Object> zpop = blocked("BZPOPMIN", "k2", "0");
        assertReply(1, "RPUSH", "k2", "a list");
        assertStillWaiting(zpop);
        jedis.del("k2");
        assertReply(2, "ZADD", "k2", "2", "b", "1", "a");
        assertEquals(List.of("k2", "a", "1"), result(zpop));
        assertReply(List.of("b"), "ZRANGE", "k2", "0", "-1");
    }

    @Test
    void sortedSetPopsWaitForZadd() throws Exception {
        Future<Object> min = blocked("BZPOPMIN", "{z}a", "{z}b", "0");
        Future<Object> max = blocked("BZPOPMAX", "{z}b", "0");
        Future<Object> multi = blocked("BZMPOP", "0", "1", "{z}b", "MIN", "COUNT", "5");
        assertReply(4, "ZADD", "{z}b", "1", "one", "2", "two", "3", "three", "4", "four");
        assertEquals(List.of("{z}b", "one", "1"), result(min));
        assertEquals(List.of("{z}b", "four", "4"), result(max));
        assertEquals(List.of("{z}b", List.of(List.of("two", "2"), List.of("three", "3"))), result(multi));
        assertReply(0, "EXISTS", "{z}b");
        assertNull(call("BZPOPMIN", "{z}a", "0.05"));
        assertNull(call("BZMPOP", "0.05", "1", "{z}a", "MAX"));
        jedis.zadd("{z}a", 5, "m");
        assertReply(List.of("{z}a", "m", "5"), "BZPOPMAX", "{z}a", "0");
        jedis.set("{z}s", "x");
        assertError("WRONGTYPE Operation against a key holding the wrong kind of value", "BZPOPMIN", "{z}s", "0");
        assertError("ERR timeout is negative", "BZPOPMAX", "{z}a", "-1");
        assertError("ERR timeout is not a float or out of range", "BZMPOP", "x", "1", "{z}a", "MIN");
        assertError("ERR syntax error", "BZMPOP", "0", "1", "{z}a", "LEFT");
        assertError("ERR numkeys should be greater than 0", "BZMPOP", "0", "0", "{z}a", "MIN");
        assertError("ERR count should be greater than 0", "BZMPOP", "0", "1", "{z}a", "MIN", "COUNT", "0");
    }

    @Test
    void aBlockedClientHoldsUpNoOtherClient() throws Exception {
        Future<Object> waiter = blocked("BLPOP", "{t}waited", "0");
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            // The same slot, through its hash tag, and other slots.
            assertReply("OK", "SET", "{t}k" + i, "v");
            assertReply("v", "GET", "{t}k" + i);
            assertReply(1, "RPUSH", "list" + i, "e");
        }
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsed < 3_000, "300 commands took " + elapsed + " ms");
        try (Jedis other = node.client()) {
            assertEquals("v", other.get("{t}k0"));
        }
        assertStillWaiting(waiter);
        assertReply(1, "RPUSH", "{t}waited", "done");
        assertEquals(List.of("{t}waited", "done"), result(waiter));
    }

    @Test
    void disconnectingABlockedClientLosesNoElement() throws Exception {
        int before = waiting("blpop");
        try (Socket socket = new Socket("127.0.0.1", node.port())) {
            socket.getOutputStream().write(resp("BLPOP", "dk", "0"));
            socket.getOutputStream().flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (waiting("blpop") == before) {
                assertTrue(System.nanoTime() < deadline);
                Thread.sleep(10);
            }
            Thread.sleep(50);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (waiting("blpop") > before) {
            assertTrue(System.nanoTime() < deadline, "the closed connection stays listed");
            Thread.sleep(10);
        }
        assertReply(1, "RPUSH", "dk", "kept");
        assertReply(1, "LLEN", "dk");
        assertReply("kept", "LPOP", "dk");
    }

    @Test
    void commandsPipelinedAfterABlockedOneWaitForIt() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", node.port())) {
            socket.setSoTimeout(5_000);
            byte[] pipeline = concat(resp("BLPOP", "pk", "0"), resp("RPUSH", "pk", "own"), resp("PING"));
            socket.getOutputStream().write(pipeline);
            socket.getOutputStream().flush();
            Thread.sleep(300);
            assertEquals(0, socket.getInputStream().available(), "nothing may be answered before the BLPOP");
            assertReply(0, "LLEN", "pk");
            assertReply(1, "RPUSH", "pk", "other");
            String expected = "*2\r\n$2\r\npk\r\n$5\r\nother\r\n:1\r\n+PONG\r\n";
            assertEquals(expected, read(socket.getInputStream(), expected.length()));
        }
        assertReply(List.of("own"), "LRANGE", "pk", "0", "-1");
    }

    @Test
    void aTimeoutInResp3IsANull() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", node.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(concat(resp("HELLO", "3"), resp("BLPOP", "none", "0.05")));
            InputStream in = socket.getInputStream();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            StringBuilder seen = new StringBuilder();
            while (!seen.toString().endsWith("_\r\n")) {
                assertTrue(System.nanoTime() < deadline, "no null in " + seen);
                seen.append((char) in.read());
            }
        }
    }

    private static byte[] resp(String... args) {
        StringBuilder out = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            out.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static String read(InputStream in, int length) throws IOException {
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** RawCommands over a connection other than the test's own. */
    private record Client(Jedis jedis) implements RawCommands {}
}
