package io.pikko.node;

import static io.pikko.node.CodisSlotCommandsTest.keysInSlot;
import static io.pikko.node.CodisSlotCommandsTest.raw;
import static io.pikko.node.ConnectionCommandsTest.call;
import static io.pikko.node.ConnectionCommandsTest.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.protocol.SlotHash;
import io.pikko.testing.Eventually;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * A slot moved between two Pikko nodes the way Codis 3.2 moves it: the dashboard's loop of
 * SLOTSMGRTTAGSLOT-ASYNC (or SLOTSMGRTTAGSLOT) until nothing remains, while a client writes as the
 * proxy does (SLOTSMGRT-EXEC-WRAPPER, or SLOTSMGRTTAGONE then the target). Every acknowledged write
 * ends on the target with its last value, every key arrives whole, and the source slot is empty;
 * a migration that fails (wrong, unreachable, silent or dying target, cancelled) deletes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CodisMigrationTest {
    /** Fields of the big hash, which moves in chunks of maxbulks: a million, as Codis users meet them. */
    static final int BIG_HASH_FIELDS = Integer.getInteger("codis.test.big-hash-fields", 1_000_000);

    private TestNode source;
    private TestNode target;
    private Jedis src;
    private Jedis dst;

    @BeforeAll
    void start() {
        source = TestNode.start();
        target = TestNode.start();
        src = source.client();
        dst = target.client();
    }

    @AfterAll
    void stop() {
        src.close();
        dst.close();
        source.close();
        target.close();
    }

    @BeforeEach
    void flush() {
        src.select(0);
        dst.select(0);
        src.flushAll();
        dst.flushAll();
    }

    // ---- what goes into the slot, and what must come out ----

    /** Keys of {@code slot}: the five types in turn, every seventh with a TTL, plus three tag groups. */
    private Map<String, Object> populate(Jedis jedis, int slot, int count) {
        Map<String, Object> expected = new LinkedHashMap<>();
        List<String> keys = keysInSlot("k" + slot, slot, count);
        Pipeline p = jedis.pipelined();
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            switch (i % 5) {
                case 0 -> {
                    p.set(key, "value-" + i);
                    expected.put(key, "value-" + i);
                }
                case 1 -> {
                    p.rpush(key, "a" + i, "b", "c" + i);
                    expected.put(key, List.of("a" + i, "b", "c" + i));
                }
                case 2 -> {
                    Map<String, String> hash = Map.of("f" + i, "v", "g", Integer.toString(i));
                    p.hset(key, hash);
                    expected.put(key, hash);
                }
                case 3 -> {
                    p.sadd(key, "m" + i, "n");
                    expected.put(key, java.util.Set.of("m" + i, "n"));
                }
                default -> {
                    p.zadd(key, i + 0.25, "z" + i);
                    p.zadd(key, -1e300, "low");
                    expected.put(key, List.of("low", Double.toString(-1e300), "z" + i, Double.toString(i + 0.25)));
                }
            }
            if (i % 7 == 0) {
                p.pexpire(key, 600_000);
            }
        }
        for (String tag : tagsInSlot(slot, 3)) {
            for (String member : List.of("a", "b", "c")) {
                String key = "{" + tag + "}" + member;
                p.set(key, member);
                expected.put(key, member);
            }
        }
        p.sync();
        return expected;
    }

    private static List<String> tagsInSlot(int slot, int count) {
        List<String> tags = new ArrayList<>();
        for (int i = 0; tags.size() < count; i++) {
            if (SlotHash.slotOf(("t" + i).getBytes(StandardCharsets.UTF_8)) == slot) {
                tags.add("t" + i);
            }
        }
        return tags;
    }

    private static Object contents(Jedis jedis, String key) {
        return switch (jedis.type(key)) {
            case "string" -> jedis.get(key);
            case "list" -> jedis.lrange(key, 0, -1);
            case "hash" -> jedis.hgetAll(key);
            case "set" -> jedis.smembers(key);
            case "zset" -> {
                List<String> flat = new ArrayList<>();
                jedis.zrangeWithScores(key, 0, -1).forEach(t -> {
                    flat.add(t.getElement());
                    flat.add(Double.toString(t.getScore()));
                });
                yield flat;
            }
            default -> null;
        };
    }

    private void assertMoved(Map<String, Object> expected, int slot, Map<String, String> written) {
        for (Map.Entry<String, Object> entry : expected.entrySet()) {
            String key = entry.getKey();
            Object want = written.containsKey(key) ? written.get(key) : entry.getValue();
            assertEquals(want, contents(dst, key), key);
        }
        written.forEach((key, value) -> assertEquals(value, dst.get(key), key));
        for (int i = 0; i < 100; i += 7) {
            String key = keysInSlot("k" + slot, slot, i + 1).get(i);
            if (!written.containsKey(key)) {
                long pttl = dst.pttl(key);
                assertTrue(pttl > 500_000 && pttl <= 600_000, key + " keeps its TTL, pttl " + pttl);
            }
        }
        assertEquals(List.of(), call(src, "SLOTSINFO", Integer.toString(slot), "1"), "the source slot is empty");
        assertEquals(0L, src.dbSize());
    }

    // ---- the dashboard's loops ----

    /** Codis's MigrateSlotAsync with the dashboard's default options, repeated until remaining is 0. */
    private int migrateAsync(Jedis jedis, int slot, int port) {
        jedis.select(0);
        int calls = 0;
        long remaining;
        do {
            List<?> reply = (List<?>) call(jedis, "SLOTSMGRTTAGSLOT-ASYNC", "127.0.0.1", Integer.toString(port), "5000",
                    "200", "33554432", Integer.toString(slot), "500");
            assertEquals(2, reply.size());
            assertInstanceOf(Long.class, reply.get(0));
            remaining = (Long) reply.get(1);
            calls++;
        } while (remaining != 0);
        String keyspace = jedis.info("keyspace");
        assertTrue(keyspace.startsWith("# Keyspace"), keyspace);
        return calls;
    }

    /** Codis's MigrateSlot (sync): one key (with its tag group) per call until remaining is 0. */
    private int migrateSync(Jedis jedis, int slot, int port) {
        jedis.select(0);
        int calls = 0;
        long remaining;
        do {
            List<?> reply = (List<?>) call(jedis, "SLOTSMGRTTAGSLOT", "127.0.0.1", Integer.toString(port), "30000",
                    Integer.toString(slot));
            assertEquals(2, reply.size());
            assertInstanceOf(Long.class, reply.get(0));
            remaining = (Long) reply.get(1);
            calls++;
        } while (remaining != 0);
        return calls;
    }

    /**
     * Writes as Codis's semi-async proxy does while the slot moves: SLOTSMGRT-EXEC-WRAPPER to the
     * source; 2 is the answer, 0 sends the request to the target, 1 tries again shortly.
     */
    private final class WrapperWriter implements Runnable {
        final Map<String, String> acknowledged = new ConcurrentHashMap<>();
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong retries = new AtomicLong();
        final AtomicLong writes = new AtomicLong();
        final List<String> keys;
        final String bigHash;
        final Map<String, String> bigFields = new ConcurrentHashMap<>();

        WrapperWriter(List<String> keys, String bigHash) {
            this.keys = keys;
            this.bigHash = bigHash;
        }

        @Override
        public void run() {
            try (Jedis proxySrc = source.client(); Jedis proxyDst = target.client()) {
                for (int i = 0; !stop.get() || i < 2 * keys.size(); i++) {
                    boolean big = bigHash != null && i % 40 == 0;
                    String key = big ? bigHash : keys.get(i % keys.size());
                    String value = "w" + i;
                    String[] command = big ? new String[] {"hset", key, "written-" + i, value} : new String[] {"set", key, value};
                    while (true) {
                        String[] args = new String[command.length + 1];
                        args[0] = key;
                        System.arraycopy(command, 0, args, 1, command.length);
                        List<?> reply = (List<?>) raw(proxySrc, "SLOTSMGRT-EXEC-WRAPPER", args);
                        long code = (Long) reply.get(0);
                        if (code == 2) {
                            break;
                        }
                        if (code == 0) {
                            raw(proxyDst, command[0], java.util.Arrays.copyOfRange(command, 1, command.length));
                            break;
                        }
                        assertEquals(1L, code, reply.toString());
                        retries.incrementAndGet();
                        Thread.sleep(1);
                    }
                    writes.incrementAndGet();
                    if (big) {
                        bigFields.put("written-" + i, value);
                    } else {
                        acknowledged.put(key, value);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- the moves ----

    @Test
    void semiAsyncMovesTenThousandKeysAndAMillionFieldHashWhileTheProxyWrites() throws Exception {
        int slot = 321;
        Map<String, Object> expected = populate(src, slot, 10_000);
        String big = keysInSlot("big", slot, 1).get(0);
        long loadStarted = System.nanoTime();
        Map<String, String> fields = new HashMap<>();
        Pipeline p = src.pipelined();
        for (int i = 0; i < BIG_HASH_FIELDS; i++) {
            fields.put("field-" + i, "v" + (i % 977));
            if (fields.size() == 1000 || i == BIG_HASH_FIELDS - 1) {
                p.hset(big, fields);
                fields = new HashMap<>();
            }
            if (i % 20_000 == 19_999) {
                // In steps, so that no write waits behind so many that its request times out.
                p.sync();
            }
        }
        p.sync();
        assertEquals(BIG_HASH_FIELDS, src.hlen(big));
        System.out.printf("codis semi-async: the %d-field hash loaded in %d ms%n", BIG_HASH_FIELDS,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loadStarted));
        List<String> written = new ArrayList<>();
        expected.keySet().stream().filter(k -> expected.get(k) instanceof String).limit(300).forEach(written::add);
        written.addAll(keysInSlot("fresh", slot, 20));
        WrapperWriter writer = new WrapperWriter(written, big);
        CompletableFuture<Void> writing = CompletableFuture.runAsync(writer);
        long started = System.nanoTime();
        int calls = migrateAsync(src, slot, target.port());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        writer.stop.set(true);
        writing.get(60, TimeUnit.SECONDS);
        System.out.printf("codis semi-async: %d keys + a %d-field hash in %d ms over %d calls; %d proxy writes, %d retried%n",
                expected.size(), BIG_HASH_FIELDS, millis, calls, writer.writes.get(), writer.retries.get());
        assertMoved(expected, slot, writer.acknowledged);
        assertEquals(BIG_HASH_FIELDS + writer.bigFields.size(), dst.hlen(big));
        writer.bigFields.forEach((field, value) -> assertEquals(value, dst.hget(big, field), field));
        int probe = 123_456 % BIG_HASH_FIELDS;
        assertEquals("v" + (probe % 977), dst.hget(big, "field-" + probe));
        assertEquals(-1L, dst.pttl(big), "the big hash's temporary TTL is replaced by its own (none)");
        assertEquals("OK", call(src, "SLOTSMGRT-ASYNC-FENCE"));
    }

    @Test
    void syncMovesTheSlotWhileTheProxyMovesTheKeysItTouchesFirst() throws Exception {
        int slot = 654;
        Map<String, Object> expected = populate(src, slot, 1_000);
        List<String> touched = new ArrayList<>();
        expected.keySet().stream().filter(k -> expected.get(k) instanceof String).limit(100).forEach(touched::add);
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            try (Jedis proxySrc = source.client(); Jedis proxyDst = target.client()) {
                for (int i = 0; !stop.get() || i < touched.size(); i++) {
                    String key = touched.get(i % touched.size());
                    Object moved = call(proxySrc, "SLOTSMGRTTAGONE", "127.0.0.1", Integer.toString(target.port()), "3000", key);
                    assertInstanceOf(Long.class, moved);
                    proxyDst.set(key, "p" + i);
                    acknowledged.put(key, "p" + i);
                }
            }
        });
        int calls = migrateSync(src, slot, target.port());
        stop.set(true);
        writing.get(60, TimeUnit.SECONDS);
        assertTrue(calls <= expected.size() + 1, "one key or tag group per call: " + calls);
        assertMoved(expected, slot, acknowledged);

        src.set("{g}a", "1");
        src.set("{g}b", "2");
        src.set("solo", "3");
        String port = Integer.toString(target.port());
        assertEquals(2L, call(src, "SLOTSMGRTTAGONE", "127.0.0.1", port, "3000", "{g}b"));
        assertEquals(1L, call(src, "SLOTSMGRTONE", "127.0.0.1", port, "3000", "solo"));
        assertEquals(0L, call(src, "SLOTSMGRTONE", "127.0.0.1", port, "3000", "solo"));
        assertEquals(List.of("1", "2", "3"), dst.mget("{g}a", "{g}b", "solo"));
        assertEquals(0L, src.dbSize());
        assertEquals(List.of(0L, 0L), call(src, "SLOTSMGRTSLOT", "127.0.0.1", port, "3000", "0"));
    }

    @Test
    void oneAsyncMovesTheGivenKeysAndStatusDescribesTheConnection() {
        String port = Integer.toString(target.port());
        src.set("{u}1", "a");
        src.rpush("{u}2", "b");
        src.set("alone", "c");
        assertEquals(2L, call(src, "SLOTSMGRTTAGONE-ASYNC", "127.0.0.1", port, "5000", "200", "1048576", "{u}1"));
        assertEquals(1L, call(src, "SLOTSMGRTONE-ASYNC", "127.0.0.1", port, "5000", "200", "1048576", "alone", "missing"));
        assertEquals("a", dst.get("{u}1"));
        assertEquals(List.of("b"), dst.lrange("{u}2", 0, -1));
        assertEquals("c", dst.get("alone"));
        List<?> status = (List<?>) call(src, "SLOTSMGRT-ASYNC-STATUS");
        Map<Object, Object> fields = new HashMap<>();
        for (int i = 0; i < status.size(); i += 2) {
            fields.put(status.get(i), status.get(i + 1));
        }
        assertEquals("127.0.0.1", fields.get("host"));
        assertEquals(port, fields.get("port"));
        assertEquals("0", fields.get("sending_msgs"));
        assertTrue(fields.containsKey("batched_iterator"));
        assertNull(fields.get("batched_iterator"), "no batch runs");
        assertEquals(1L, call(src, "SLOTSMGRT-ASYNC-CANCEL"));
        assertEquals(0L, call(src, "SLOTSMGRT-ASYNC-CANCEL"));
        assertNull(call(src, "SLOTSMGRT-ASYNC-STATUS"));
        assertEquals("ERR invalid value of port (0)", error(src, "SLOTSMGRTTAGSLOT-ASYNC", "127.0.0.1", "0", "5000", "200", "1", "1", "1"));
        assertEquals("ERR invalid value of slot (1024)", error(src, "SLOTSMGRTTAGSLOT-ASYNC", "127.0.0.1", port, "5000", "200", "1", "1024", "1"));
        assertEquals("ERR invalid value of timeout (-1)", error(src, "SLOTSMGRTSLOT-ASYNC", "127.0.0.1", port, "-1", "200", "1", "1", "1"));
        assertEquals("ERR invalid timeout = -1", error(src, "SLOTSMGRTTAGONE", "127.0.0.1", port, "-1", "k"));
        assertEquals("ERR invalid slot number = 5000", error(src, "SLOTSMGRTTAGSLOT", "127.0.0.1", port, "100", "5000"));
    }

    // ---- failures: nothing deleted at the source ----

    private Map<String, Object> failureFixture(int slot) {
        Map<String, Object> expected = populate(src, slot, 30);
        src.del(keysInSlot("k" + slot, slot, 30).get(2));
        expected.remove(keysInSlot("k" + slot, slot, 30).get(2));
        String big = "{" + tagsInSlot(slot, 1).get(0) + "}big";
        Map<String, String> hash = new HashMap<>();
        for (int i = 0; i < 5_000; i++) {
            hash.put("f" + i, "v" + i);
        }
        src.hset(big, hash);
        expected.put(big, hash);
        return expected;
    }

    private void assertAllOnSource(Map<String, Object> expected) {
        for (Map.Entry<String, Object> entry : expected.entrySet()) {
            assertEquals(entry.getValue(), contents(src, entry.getKey()), entry.getKey());
        }
        assertEquals(expected.size(), src.dbSize());
        String someKey = expected.keySet().iterator().next();
        src.set(someKey + "-after", "writable");
        assertEquals("OK", src.set(expected.keySet().stream().filter(k -> expected.get(k) instanceof String).findFirst().get(), "written after"));
    }

    @Test
    void unreachableTargetIsAClearErrorAndDeletesNothing() {
        int slot = 17;
        Map<String, Object> expected = failureFixture(slot);
        String closed = Integer.toString(TestNode.freePort());
        String async = error(src, "SLOTSMGRTTAGSLOT-ASYNC", "127.0.0.1", closed, "500", "200", "33554432", "17", "500");
        assertTrue(async.startsWith("ERR create client to 127.0.0.1:" + closed + " failed"), async);
        String sync = error(src, "SLOTSMGRTTAGSLOT", "127.0.0.1", closed, "500", "17");
        assertTrue(sync.startsWith("ERR Can't connect to target node"), sync);
        assertAllOnSource(expected);
    }

    @Test
    void aRedisServerTargetRefusesCodisMessagesAndNothingIsDeleted() throws Exception {
        int slot = 18;
        Map<String, Object> expected = failureFixture(slot);
        try (RedisServer redis = RedisServer.startOrSkip()) {
            String port = Integer.toString(redis.port());
            String async = error(src, "SLOTSMGRTTAGSLOT-ASYNC", "127.0.0.1", port, "3000", "200", "33554432", "18", "500");
            assertTrue(async.startsWith("ERR target 127.0.0.1:" + port + " refused the migration: ERR unknown command"), async);
            String sync = error(src, "SLOTSMGRTTAGSLOT", "127.0.0.1", port, "3000", "18");
            assertTrue(sync.startsWith("ERR error on slotsrestore, migration failed (ERR unknown command"), sync);
            assertAllOnSource(expected);
            try (Jedis redisClient = redis.client()) {
                assertEquals(0L, redisClient.dbSize());
            }
        }
    }

    @Test
    void dumpAndRestoreLegsWithARealRedisServer() throws Exception {
        src.set("s", "string");
        src.rpush("l", "1", "2", "three");
        src.hset("h", Map.of("a", "1", "b", "2"));
        src.sadd("set", "x", "y", "12");
        src.zadd("z", Map.of("p", 1.5, "q", -2.0));
        List<String> keys = List.of("s", "l", "h", "set", "z");
        try (RedisServer redis = RedisServer.startOrSkip(); Jedis redisClient = redis.client()) {
            for (String key : keys) {
                redisClient.restore(key, 0, src.dump(key));
                assertEquals(contents(src, key), contents(redisClient, key), "Pikko's DUMP of " + key + " restores in redis-server");
            }
            redisClient.hset("rh", Map.of("x", "1"));
            redisClient.zadd("rz", 3.0, "m");
            redisClient.set("rs", "redis");
            for (String key : List.of("rh", "rz", "rs")) {
                assertEquals("OK", raw(dst, "SLOTSRESTORE", key.getBytes(), "0".getBytes(), redisClient.dump(key)));
                assertEquals(contents(redisClient, key), contents(dst, key), "redis-server's DUMP of " + key + " goes in by SLOTSRESTORE");
            }
        }
    }

    /** Accepts connections and reads what comes, answering nothing; closes each after {@code closeAfterBytes} (0: never). */
    private static final class SilentTarget implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0);
        final List<Socket> accepted = new ArrayList<>();

        SilentTarget(long closeAfterBytes) throws IOException {
            Thread thread = new Thread(() -> {
                try {
                    while (true) {
                        Socket socket = server.accept();
                        accepted.add(socket);
                        new Thread(() -> drain(socket, closeAfterBytes)).start();
                    }
                } catch (IOException closed) {
                    // The test is over.
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        private static void drain(Socket socket, long closeAfterBytes) {
            try (InputStream in = socket.getInputStream()) {
                byte[] buffer = new byte[8192];
                long total = 0;
                int n;
                while ((n = in.read(buffer)) > 0) {
                    total += n;
                    if (closeAfterBytes > 0 && total >= closeAfterBytes) {
                        socket.close();
                        return;
                    }
                }
            } catch (IOException closed) {
                // The migration closed it.
            }
        }

        String port() {
            return Integer.toString(server.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void aSilentTargetTimesOutAndADyingOneFailsTheBatchAndNothingIsDeleted() throws Exception {
        int slot = 19;
        Map<String, Object> expected = failureFixture(slot);
        try (SilentTarget silent = new SilentTarget(0)) {
            String async = error(src, "SLOTSMGRTTAGSLOT-ASYNC", "127.0.0.1", silent.port(), "300", "200", "33554432", "19", "500");
            assertEquals("ERR migration to 127.0.0.1:" + silent.port() + " failed: no acknowledgement within 300 ms; the keys stay here", async);
            assertEquals("IOERR error or timeout reading from target", error(src, "SLOTSMGRTTAGSLOT", "127.0.0.1", silent.port(), "300", "19"));
            assertAllOnSource(expected);
        }
        try (SilentTarget dying = new SilentTarget(20_000)) {
            String async = error(src, "SLOTSMGRTTAGSLOT-ASYNC", "127.0.0.1", dying.port(), "3000", "100", "33554432", "19", "500");
            assertTrue(async.startsWith("ERR migration to 127.0.0.1:" + dying.port() + " failed: "), async);
            assertTrue(async.endsWith("; the keys stay here"), async);
        }
        expected.keySet().removeIf(k -> expected.get(k) instanceof String);
        for (Map.Entry<String, Object> entry : expected.entrySet()) {
            assertEquals(entry.getValue(), contents(src, entry.getKey()), entry.getKey());
        }
    }

    @Test
    void aCancelledBatchLeavesEveryKeyOnTheSource() throws Exception {
        int slot = 20;
        Map<String, Object> expected = failureFixture(slot);
        try (SilentTarget silent = new SilentTarget(0); Jedis dashboard = source.client()) {
            CompletableFuture<String> migrating = CompletableFuture.supplyAsync(() -> error(dashboard,
                    "SLOTSMGRTTAGSLOT-ASYNC", "127.0.0.1", silent.port(), "30000", "200", "33554432", "20", "500"));
            Eventually.await(Duration.ofSeconds(10), "the batch holds its keys", () -> call(src, "SLOTSMGRT-ASYNC-STATUS") instanceof List<?> s
                    && !s.isEmpty() && s.get(s.size() - 1) instanceof List<?> batch
                    && batch.get(1) instanceof List<?> keys && keys.get(1) instanceof List<?> held && !held.isEmpty());
            assertEquals("ERR the specified DB is being migrated",
                    error(src, "SLOTSMGRTTAGSLOT-ASYNC", "127.0.0.1", silent.port(), "30000", "200", "33554432", "20", "500"));
            String key = expected.keySet().stream().filter(k -> expected.get(k) instanceof String).findFirst().get();
            List<?> wrapped = (List<?>) raw(src, "SLOTSMGRT-EXEC-WRAPPER", key, "set", key, "x");
            assertEquals(1L, wrapped.get(0), "a key of the running batch is being migrated");
            assertEquals(List.of(2L, expected.get(key)), raw(src, "SLOTSMGRT-EXEC-WRAPPER", key, "get", key),
                    "and is still read where it is");
            assertEquals(1L, call(src, "SLOTSMGRT-ASYNC-CANCEL"));
            String failure = migrating.get(10, TimeUnit.SECONDS);
            assertTrue(failure.startsWith("ERR migration to 127.0.0.1:" + silent.port() + " failed"), failure);
        }
        assertAllOnSource(expected);
    }
}
