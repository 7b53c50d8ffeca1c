package io.pikko.node;

import static io.pikko.node.ConnectionCommandsTest.call;
import static io.pikko.node.ConnectionCommandsTest.error;
import static io.pikko.node.ConnectionCommandsTest.pairs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.node.ConnectionCommandsTest.RawClient;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The server commands tools and Codis call: CONFIG's accepted settings, INFO's fields, ROLE,
 * CLIENT REPLY and the other CLIENT subcommands, RESET, MEMORY, LATENCY, DEBUG, PFDEBUG,
 * PFSELFTEST, LOLWUT and OBJECT IDLETIME, on a real node.
 */
class ServerToolCommandsTest extends NodeTest {
    @AfterEach
    void restoreSettings() {
        jedis.configSet("save", "", "appendonly", "yes", "maxmemory", "0", "maxmemory-policy", "noeviction",
                "latency-monitor-threshold", "0", "hll-sparse-max-bytes", "3000", "requirepass", "");
        call(jedis, "DEBUG", "SET-ACTIVE-EXPIRE", "1");
    }

    @Test
    void settingsThatChangeNothingOnDiskAreAcceptedAndReported() {
        assertEquals("OK", call(jedis, "CONFIG", "SET", "save", "3600 1 300 100"));
        assertEquals(List.of("save", "3600 1 300 100"), call(jedis, "CONFIG", "GET", "save"));
        assertEquals("OK", call(jedis, "CONFIG", "SET", "save", ""));
        assertEquals(List.of("save", ""), call(jedis, "CONFIG", "GET", "save"));
        assertEquals("ERR CONFIG SET failed (possibly related to argument 'save') - Invalid save parameters",
                error(jedis, "CONFIG", "SET", "save", "3600"));
        assertEquals("OK", call(jedis, "CONFIG", "SET", "appendonly", "no", "lazyfree-lazy-user-del", "yes",
                "latency-tracking", "no", "maxmemory", "1gb", "maxmemory-policy", "allkeys-lru"));
        assertEquals(Map.of("appendonly", "no", "lazyfree-lazy-user-del", "yes", "latency-tracking", "no",
                        "maxmemory", "1073741824", "maxmemory-policy", "allkeys-lru"),
                pairs(call(jedis, "CONFIG", "GET", "appendonly", "lazyfree-lazy-user-del", "latency-tracking",
                        "maxmemory", "maxmemory-policy")));
        String memory = jedis.info("memory");
        assertTrue(memory.contains("\r\nmaxmemory:1073741824\r\n") && memory.contains("\r\nmaxmemory_policy:allkeys-lru\r\n"),
                memory);
        call(jedis, "CONFIG", "SET", "latency-tracking", "yes", "lazyfree-lazy-user-del", "no");
        // Written data stays whatever these say.
        jedis.set("k", "v");
        assertEquals("v", jedis.get("k"));
        assertEquals("OK", call(jedis, "CONFIG", "REWRITE"));
        assertTrue(((List<?>) call(jedis, "CONFIG", "HELP")).size() > 4);
    }

    @Test
    void codisReadsOfConfigAnswerNameAndValue() {
        for (String name : List.of("maxmemory", "masterauth", "slaveof", "replicaof", "hz", "repl-backlog-size",
                "client-output-buffer-limit", "dir")) {
            List<?> pair = (List<?>) call(jedis, "CONFIG", "GET", name);
            assertEquals(2, pair.size(), name);
            assertEquals(name, pair.get(0));
        }
        assertEquals("OK", call(jedis, "CONFIG", "SET", "masterauth", "secret"));
        assertEquals(List.of("masterauth", "secret"), call(jedis, "CONFIG", "GET", "masterauth"));
        call(jedis, "CONFIG", "SET", "masterauth", "");
    }

    @Test
    void infoHasTheFieldsToolsRead() {
        String server = jedis.info("server");
        String runId = field(server, "run_id");
        assertTrue(runId.matches("[0-9a-f]{40}"), runId);
        assertEquals(runId, field(jedis.info("server"), "run_id"));
        assertEquals("libc", field(jedis.info("memory"), "mem_allocator"));
        long before = Long.parseLong(field(jedis.info("persistence"), "rdb_changes_since_last_save"));
        long offsetBefore = Long.parseLong(field(jedis.info("replication"), "master_repl_offset"));
        jedis.set("a", "1");
        jedis.sadd("s", "x");
        jedis.get("a");
        assertEquals(before + 2, Long.parseLong(field(jedis.info("persistence"), "rdb_changes_since_last_save")));
        String replication = jedis.info("replication");
        assertEquals("master", field(replication, "role"));
        assertEquals("0", field(replication, "connected_slaves"));
        assertTrue(field(replication, "master_replid").matches("[0-9a-f]{40}"));
        assertNotEquals(runId, field(replication, "master_replid"));
        long offset = Long.parseLong(field(replication, "master_repl_offset"));
        assertTrue(offset >= offsetBefore + 2, "the offset counts binlog records, one per write at least: " + offset);
        assertEquals(List.of("master", offset, List.of()), call(jedis, "ROLE"));
    }

    /** A single node is a group of one: no replica ever holds a write, so WAIT counts none, after its timeout. */
    @Test
    void waitOnANodeWithoutReplicasCountsNoneOnceItsTimeoutIsUp() {
        try (Jedis fresh = new Jedis("127.0.0.1", node.port())) {
            assertEquals(0L, call(fresh, "WAIT", "1", "0"), "nothing written: no slot whose replicas could count");
            fresh.set("w1", "x");
            fresh.set("{other}w2", "y");
            assertEquals(0L, call(fresh, "WAIT", "0", "0"), "zero replicas asked for: answered at once");
            long started = System.nanoTime();
            assertEquals(0L, call(fresh, "WAIT", "1", "300"));
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(waitedMillis >= 290, "WAIT returned after " + waitedMillis + " ms, before its 300 ms timeout");
        }
        assertEquals("ERR value is not an integer or out of range", error(jedis, "WAIT", "one", "100"));
        assertEquals("ERR value is not an integer or out of range", error(jedis, "WAIT", "1", "soon"));
        assertEquals("ERR timeout is negative", error(jedis, "WAIT", "1", "-1"));
        assertEquals("ERR wrong number of arguments for 'wait' command", error(jedis, "WAIT", "1"));
    }

    @Test
    void clientReplyOffSkipAndOnDropRepliesInOrder() throws IOException {
        try (RawClient raw = new RawClient(node.port())) {
            raw.send("CLIENT", "REPLY", "OFF");
            raw.send("SET", "a", "1");
            raw.send("NOSUCHCOMMAND");
            raw.send("GET", "a");
            assertEquals("+OK\r\n", raw.call("CLIENT", "REPLY", "ON"));
            raw.send("CLIENT", "REPLY", "SKIP");
            raw.send("GET", "a");
            assertEquals("$1\r\n1\r\n", raw.call("GET", "a"));
            assertEquals("-ERR syntax error\r\n", raw.call("CLIENT", "REPLY", "MAYBE"));
        }
        assertEquals("1", jedis.get("a"));
    }

    @Test
    void resetClearsTheConnectionsState() throws IOException {
        try (RawClient raw = new RawClient(node.port())) {
            raw.call("HELLO", "3");
            raw.call("SELECT", "4");
            raw.call("CLIENT", "SETNAME", "tool");
            raw.call("SET", "in4", "x");
            assertEquals("+RESET\r\n", raw.call("RESET"));
            assertEquals("$-1\r\n", raw.call("CLIENT", "GETNAME"));
            assertEquals("$-1\r\n", raw.call("GET", "in4"));
            assertTrue(raw.call("CLIENT", "INFO").contains(" resp=2"));
            raw.send("CLIENT", "REPLY", "OFF");
            assertEquals("+RESET\r\n", raw.call("RESET"));
            assertEquals("+PONG\r\n", raw.call("PING"));
            // RESET leaves MULTI and forgets WATCH.
            assertEquals("+OK\r\n", raw.call("WATCH", "w"));
            assertEquals("+OK\r\n", raw.call("MULTI"));
            assertEquals("+QUEUED\r\n", raw.call("SET", "queued", "x"));
            assertEquals("+RESET\r\n", raw.call("RESET"));
            assertEquals("-ERR EXEC without MULTI\r\n", raw.call("EXEC"));
            assertEquals("$-1\r\n", raw.call("GET", "queued"));
            // RESET leaves subscribed mode.
            raw.call("SUBSCRIBE", "news");
            assertEquals("+RESET\r\n", raw.call("RESET"));
            assertEquals("+PONG\r\n", raw.call("PING"));
        }
        jedis.configSet("requirepass", "pw");
        try (RawClient raw = new RawClient(node.port())) {
            assertEquals("+OK\r\n", raw.call("AUTH", "pw"));
            assertEquals("+RESET\r\n", raw.call("RESET"));
            assertTrue(raw.call("GET", "x").startsWith("-NOAUTH"));
            assertEquals("+OK\r\n", raw.call("AUTH", "pw"));
            raw.call("CONFIG", "SET", "requirepass", "");
        }
    }

    @Test
    void otherClientSubcommandsWorkOrSayWhyNot() {
        assertEquals("OK", call(jedis, "CLIENT", "NO-EVICT", "on"));
        assertEquals("OK", call(jedis, "CLIENT", "NO-TOUCH", "off"));
        assertEquals("ERR syntax error", error(jedis, "CLIENT", "NO-EVICT", "maybe"));
        assertEquals("OK", call(jedis, "CLIENT", "UNPAUSE"));
        assertEquals("ERR CLIENT PAUSE is not supported by Pikko", error(jedis, "CLIENT", "PAUSE", "100"));
        assertEquals("OK", call(jedis, "CLIENT", "TRACKING", "off"));
        assertTrue(error(jedis, "CLIENT", "TRACKING", "on").startsWith("ERR CLIENT TRACKING is not supported"));
        assertEquals(-1L, call(jedis, "CLIENT", "GETREDIR"));
        assertEquals(Map.of("flags", List.of("off"), "redirect", -1L, "prefixes", List.of()),
                pairs(call(jedis, "CLIENT", "TRACKINGINFO")));
        assertTrue(((List<?>) call(jedis, "CLIENT", "HELP")).size() > 10);
    }

    @Test
    void memoryUsageEstimatesFromStoredSizes() {
        jedis.set("small", "v");
        jedis.set("big", "x".repeat(10_000));
        long small = (Long) call(jedis, "MEMORY", "USAGE", "small");
        long big = (Long) call(jedis, "MEMORY", "USAGE", "big");
        assertTrue(small > 0 && small < 100, "small " + small);
        assertTrue(big >= 10_000 && big < 10_200, "big " + big);
        for (int i = 0; i < 200; i++) {
            jedis.hset("h", "field" + i, "value-" + i);
        }
        long sampled = (Long) call(jedis, "MEMORY", "USAGE", "h");
        long all = (Long) call(jedis, "MEMORY", "USAGE", "h", "SAMPLES", "0");
        assertTrue(all > 200 * 20 && Math.abs(sampled - all) < all / 5, sampled + " vs " + all);
        assertNull(call(jedis, "MEMORY", "USAGE", "missing"));
        assertEquals("ERR syntax error", error(jedis, "MEMORY", "USAGE", "h", "SAMPLES", "-1"));
        assertEquals("ERR syntax error", error(jedis, "MEMORY", "USAGE", "h", "NOSUCH"));
        assertEquals("ERR wrong number of arguments for 'memory|usage' command", error(jedis, "MEMORY", "USAGE"));
        assertTrue(((String) call(jedis, "MEMORY", "DOCTOR")).contains("RocksDB"));
        assertTrue(pairs(call(jedis, "MEMORY", "STATS")).containsKey("peak.allocated"));
        assertEquals("OK", call(jedis, "MEMORY", "PURGE"));
        assertTrue(((List<?>) call(jedis, "MEMORY", "HELP")).size() > 4);
        assertEquals("ERR unknown subcommand 'nosuch'. Try MEMORY HELP.", error(jedis, "MEMORY", "nosuch"));
    }

    @Test
    void latencyRecordsCommandsOverTheThreshold() {
        assertEquals(List.of(), call(jedis, "LATENCY", "LATEST"));
        assertTrue(((String) call(jedis, "LATENCY", "DOCTOR")).contains("off"));
        jedis.configSet("latency-monitor-threshold", "20");
        assertEquals("OK", call(jedis, "DEBUG", "SLEEP", "0.05"));
        List<?> latest = (List<?>) call(jedis, "LATENCY", "LATEST");
        assertEquals(1, latest.size(), latest.toString());
        List<?> event = (List<?>) latest.get(0);
        assertEquals("command", event.get(0));
        assertTrue((Long) event.get(2) >= 20 && (Long) event.get(3) >= 20, event.toString());
        List<?> history = (List<?>) call(jedis, "LATENCY", "HISTORY", "command");
        assertEquals(1, history.size());
        assertTrue(((String) call(jedis, "LATENCY", "GRAPH", "command")).contains("#"));
        assertTrue(((String) call(jedis, "LATENCY", "DOCTOR")).contains("command: latest"));
        assertEquals(1L, call(jedis, "LATENCY", "RESET"));
        assertEquals(List.of(), call(jedis, "LATENCY", "LATEST"));
        assertEquals(0L, call(jedis, "LATENCY", "RESET", "command"));
        Map<String, Object> histograms = pairs(call(jedis, "LATENCY", "HISTOGRAM", "debug", "set"));
        assertTrue(histograms.containsKey("debug"), histograms.toString());
        assertTrue(pairs(histograms.get("debug")).get("calls") instanceof Long);
        assertEquals("ERR No samples available for event 'command'", error(jedis, "LATENCY", "GRAPH", "command"));
    }

    @Test
    void debugSubcommands() {
        jedis.hset("h", "f", "v");
        String object = (String) call(jedis, "DEBUG", "OBJECT", "h");
        assertTrue(object.startsWith("Value at:") && object.contains(" encoding:listpack ") && object.contains("serializedlength:"),
                object);
        assertEquals("ERR no such key", error(jedis, "DEBUG", "OBJECT", "missing"));
        long start = System.nanoTime();
        assertEquals("OK", call(jedis, "DEBUG", "SLEEP", "0.1"));
        assertTrue(System.nanoTime() - start >= 90_000_000L);
        assertEquals("OK", call(jedis, "DEBUG", "SLEEP", "0"));
        assertTrue(((List<?>) call(jedis, "DEBUG", "HELP")).size() > 4);
        assertEquals("ERR unknown subcommand or wrong number of arguments for 'JMAP'. Try DEBUG HELP.",
                error(jedis, "DEBUG", "JMAP"));
    }

    @Test
    void activeExpiryCanBeTurnedOffAndOn() throws InterruptedException {
        // Off, an expired key stays stored (DBSIZE counts it) for many sweep intervals.
        assertEquals("OK", call(jedis, "DEBUG", "SET-ACTIVE-EXPIRE", "0"));
        jedis.psetex("gone", 1, "v");
        Thread.sleep(1500);
        assertEquals(1, jedis.dbSize());
        // On again, the sweep removes it without anyone reading it.
        assertEquals("OK", call(jedis, "DEBUG", "SET-ACTIVE-EXPIRE", "1"));
        long deadline = System.currentTimeMillis() + 10_000;
        while (jedis.dbSize() != 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, jedis.dbSize());
    }

    @Test
    void hyperLogLogDebugging() {
        assertEquals("OK", call(jedis, "PFSELFTEST"));
        jedis.pfadd("hll", "a", "b", "c");
        assertEquals("sparse", call(jedis, "PFDEBUG", "ENCODING", "hll"));
        String decoded = (String) call(jedis, "PFDEBUG", "DECODE", "hll");
        assertTrue(decoded.matches("([zZ]:\\d+|v:\\d+,\\d+)( ([zZ]:\\d+|v:\\d+,\\d+))*"), decoded);
        List<?> registers = (List<?>) call(jedis, "PFDEBUG", "GETREG", "hll");
        assertEquals(16384, registers.size());
        assertEquals(3, registers.stream().filter(r -> (Long) r != 0).count());
        // GETREG turned it dense, as Redis does.
        assertEquals("dense", call(jedis, "PFDEBUG", "ENCODING", "hll"));
        assertEquals(0L, call(jedis, "PFDEBUG", "TODENSE", "hll"));
        assertEquals("ERR HLL encoding is not sparse", error(jedis, "PFDEBUG", "DECODE", "hll"));
        assertEquals(3L, jedis.pfcount("hll"));
        jedis.pfadd("other", "x");
        assertEquals(1L, call(jedis, "PFDEBUG", "TODENSE", "other"));
        assertEquals("ERR The specified key does not exist", error(jedis, "PFDEBUG", "ENCODING", "missing"));
        jedis.set("plain", "text");
        assertEquals("WRONGTYPE Key is not a valid HyperLogLog string value.", error(jedis, "PFDEBUG", "ENCODING", "plain"));
        assertEquals("ERR Unknown PFDEBUG subcommand 'nosuch'", error(jedis, "PFDEBUG", "nosuch", "other"));
        // A smaller hll-sparse-max-bytes turns a growing HyperLogLog dense sooner.
        jedis.configSet("hll-sparse-max-bytes", "30");
        for (int i = 0; i < 50; i++) {
            jedis.pfadd("grows", "e" + i);
        }
        assertEquals("dense", call(jedis, "PFDEBUG", "ENCODING", "grows"));
    }

    @Test
    void lolwutAndObjectIdletime() {
        String art = (String) call(jedis, "LOLWUT");
        assertTrue(art.contains("Redis ver. 7.0.15"), art);
        assertEquals(art, call(jedis, "LOLWUT", "VERSION", "5"));
        jedis.set("k", "v");
        assertEquals("ERR OBJECT IDLETIME is not supported: Pikko does not track key access times",
                error(jedis, "OBJECT", "IDLETIME", "k"));
    }

    @Test
    void moveKeepsTheValueAndItsTtl() {
        jedis.rpush("l", "a", "b");
        jedis.expire("l", 100);
        assertEquals(1L, call(jedis, "MOVE", "l", "7"));
        assertFalse(jedis.exists("l"));
        jedis.select(7);
        assertEquals(List.of("a", "b"), jedis.lrange("l", 0, -1));
        assertTrue(jedis.ttl("l") > 90);
    }

    private static String field(String info, String name) {
        for (String line : info.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + info);
    }
}
