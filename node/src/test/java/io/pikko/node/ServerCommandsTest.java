package io.pikko.node;

import static io.pikko.node.ConnectionCommandsTest.call;
import static io.pikko.node.ConnectionCommandsTest.error;
import static io.pikko.node.ConnectionCommandsTest.pairs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.node.ConnectionCommandsTest.RawClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** INFO, CONFIG, COMMAND and TIME answer as Redis 7.0 does (texts taken from redis-server 7.0.15). */
class ServerCommandsTest extends NodeTest {
    private static final String FAILED = "ERR CONFIG SET failed (possibly related to argument '%s') - %s";

    /** COMMAND INFO get set as redis-server 7.0.15 sends it in RESP2, byte for byte. */
    private static final String GET_SET_INFO_RESP2 = "*2\r\n"
            + "*10\r\n$3\r\nget\r\n:2\r\n*2\r\n+readonly\r\n+fast\r\n:1\r\n:1\r\n:1\r\n*3\r\n+@read\r\n+@string\r\n+@fast\r\n"
            + "*0\r\n*1\r\n*6\r\n$5\r\nflags\r\n*2\r\n+RO\r\n+access\r\n"
            + "$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n*2\r\n$5\r\nindex\r\n:1\r\n"
            + "$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n"
            + "*6\r\n$7\r\nlastkey\r\n:0\r\n$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n*0\r\n"
            + "*10\r\n$3\r\nset\r\n:-3\r\n*2\r\n+write\r\n+denyoom\r\n:1\r\n:1\r\n:1\r\n*3\r\n+@write\r\n+@string\r\n+@slow\r\n"
            + "*0\r\n*1\r\n*8\r\n$5\r\nnotes\r\n$48\r\nRW and ACCESS due to the optional `GET` argument\r\n"
            + "$5\r\nflags\r\n*4\r\n+RW\r\n+access\r\n+update\r\n+variable_flags\r\n"
            + "$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n*2\r\n$5\r\nindex\r\n:1\r\n"
            + "$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n"
            + "*6\r\n$7\r\nlastkey\r\n:0\r\n$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n*0\r\n";

    /** The same in RESP3, where flags, categories, tips and key specs are sets and key specs maps. */
    private static final String GET_SET_INFO_RESP3 = "*2\r\n"
            + "*10\r\n$3\r\nget\r\n:2\r\n~2\r\n+readonly\r\n+fast\r\n:1\r\n:1\r\n:1\r\n~3\r\n+@read\r\n+@string\r\n+@fast\r\n"
            + "~0\r\n~1\r\n%3\r\n$5\r\nflags\r\n~2\r\n+RO\r\n+access\r\n"
            + "$12\r\nbegin_search\r\n%2\r\n$4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n%1\r\n$5\r\nindex\r\n:1\r\n"
            + "$9\r\nfind_keys\r\n%2\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n"
            + "%3\r\n$7\r\nlastkey\r\n:0\r\n$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n~0\r\n"
            + "*10\r\n$3\r\nset\r\n:-3\r\n~2\r\n+write\r\n+denyoom\r\n:1\r\n:1\r\n:1\r\n~3\r\n+@write\r\n+@string\r\n+@slow\r\n"
            + "~0\r\n~1\r\n%4\r\n$5\r\nnotes\r\n$48\r\nRW and ACCESS due to the optional `GET` argument\r\n"
            + "$5\r\nflags\r\n~4\r\n+RW\r\n+access\r\n+update\r\n+variable_flags\r\n"
            + "$12\r\nbegin_search\r\n%2\r\n$4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n%1\r\n$5\r\nindex\r\n:1\r\n"
            + "$9\r\nfind_keys\r\n%2\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n"
            + "%3\r\n$7\r\nlastkey\r\n:0\r\n$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n~0\r\n";

    @AfterEach
    void restoreSettings() {
        jedis.configSet("requirepass", "", "appendfsync", "everysec", "maxclients", "10000", "proto-max-bulk-len", "512mb");
    }

    // ---- INFO ----

    @Test
    void eachInfoSectionAnswersAloneWithItsFields() {
        jedis.ping();
        Map<String, List<String>> sections = new LinkedHashMap<>();
        sections.put("server", List.of("redis_version:7.0.15", "redis_mode:standalone", "tcp_port:" + node.port()));
        sections.put("clients", List.of("connected_clients:", "maxclients:10000", "blocked_clients:0"));
        sections.put("memory", List.of("used_memory:", "used_memory_human:", "maxmemory:0"));
        sections.put("persistence", List.of("loading:0", "aof_enabled:1", "appendfsync:everysec"));
        sections.put("stats", List.of("total_connections_received:", "total_commands_processed:", "instantaneous_ops_per_sec:"));
        sections.put("replication", List.of("role:master", "connected_slaves:0"));
        sections.put("cpu", List.of("used_cpu_sys:", "used_cpu_user:"));
        sections.put("keyspace", List.of());
        sections.put("commandstats", List.of("cmdstat_ping:calls="));
        Map<String, String> titles = Map.of("cpu", "CPU");
        sections.forEach((name, fields) -> {
            String text = info(name);
            String title = titles.getOrDefault(name, Character.toUpperCase(name.charAt(0)) + name.substring(1));
            assertEquals(List.of(title), headers(text), name);
            assertTrue(text.startsWith("# " + title + "\r\n"), text);
            for (String field : fields) {
                assertTrue(text.contains("\r\n" + field), name + " lacks " + field + ":\n" + text);
            }
            // Upper case names the same section.
            assertEquals(List.of(title), headers(info(name.toUpperCase())));
        });
    }

    @Test
    void infoWithoutSectionsDefaultAllAndEverything() {
        List<String> defaults = List.of("Server", "Clients", "Memory", "Persistence", "Stats", "Replication", "CPU",
                "Modules", "Cluster", "Keyspace");
        List<String> all = List.of("Server", "Clients", "Memory", "Persistence", "Stats", "Replication", "CPU",
                "Modules", "Commandstats", "Cluster", "Keyspace");
        assertEquals(defaults, headers(jedis.info()));
        assertEquals(defaults, headers(info("default")));
        assertEquals(all, headers(info("all")));
        assertEquals(all, headers(info("everything")));
        assertTrue(jedis.info().contains("\r\n\r\n# Cluster\r\ncluster_enabled:0\r\n"));
    }

    @Test
    void severalSectionsComeInRedisOrderAndUnknownOnesAreEmpty() {
        assertEquals(List.of("Server", "Clients"), headers(info("clients", "server")));
        assertEquals(List.of("Persistence", "Keyspace"), headers(info("keyspace", "nosuch", "persistence")));
        assertEquals("", info("nosuch"));
    }

    @Test
    void keyspaceCountsTheKeysOfEachNonEmptyDatabase() {
        assertEquals("# Keyspace\r\n", info("keyspace"));
        jedis.mset("a", "1", "b", "2", "{t}c", "3");
        jedis.select(5);
        jedis.set("in-five", "x");
        jedis.select(15);
        jedis.set("in-fifteen", "x");
        jedis.del("in-fifteen");
        List<String> lines = List.of(info("keyspace").split("\r\n"));
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(1).matches("db0:keys=3(,.*)?"), lines.toString());
        assertTrue(lines.get(2).matches("db5:keys=1(,.*)?"), lines.toString());
    }

    // ---- CONFIG GET ----

    @Test
    void configGetTakesNamesAndGlobPatterns() {
        assertEquals(List.of("maxclients", "10000"), call(jedis, "CONFIG", "GET", "maxclients"));
        // An exact name is answered as it was asked; a pattern matches without regard to case.
        assertEquals(List.of("MAXCLIENTS", "10000"), call(jedis, "CONFIG", "GET", "MAXCLIENTS"));
        assertEquals(Map.of("appendfsync", "everysec", "appendonly", "yes", "appendfilename", "appendonly.aof",
                "appenddirname", "appendonlydir"), pairs(call(jedis, "CONFIG", "GET", "APP*")));
        assertEquals(Set.of("maxclients", "maxmemory-clients"), pairs(call(jedis, "CONFIG", "GET", "max*cl*")).keySet());
        assertEquals(Set.of("port", "databases", "requirepass", "appendfsync"),
                pairs(call(jedis, "CONFIG", "GET", "port", "d?tabases", "requirepas[s]", "appendfsync", "port")).keySet());
        assertEquals(Map.of("port", Integer.toString(node.port())), pairs(call(jedis, "CONFIG", "GET", "port")));
        Set<String> everything = pairs(call(jedis, "CONFIG", "GET", "*")).keySet();
        assertTrue(everything.containsAll(Set.of("requirepass", "appendfsync", "proto-max-bulk-len", "maxclients",
                "port", "bind", "databases")), everything.toString());
        assertEquals(List.of(), call(jedis, "CONFIG", "GET", "nosuch"));
        assertEquals("ERR wrong number of arguments for 'config|get' command", error(jedis, "CONFIG", "GET"));
    }

    // ---- CONFIG SET ----

    @Test
    void requirepassAppliesToNewConnections() {
        assertEquals("OK", call(jedis, "CONFIG", "SET", "requirepass", "s3cret"));
        assertEquals("s3cret", jedis.configGet("requirepass").get("requirepass"));
        // The connection that set it stays authenticated.
        assertEquals("PONG", jedis.ping());
        try (Jedis other = node.client()) {
            assertEquals("NOAUTH Authentication required.", error(other, "GET", "k"));
            assertEquals("OK", other.auth("s3cret"));
            assertEquals("PONG", other.ping());
        }
        jedis.configSet("requirepass", "");
        try (Jedis other = node.client()) {
            assertEquals("PONG", other.ping());
        }
    }

    @Test
    void appendfsyncTakesTheThreePolicies() {
        for (String policy : List.of("no", "always", "EVERYSEC")) {
            assertEquals("OK", call(jedis, "CONFIG", "SET", "appendfsync", policy));
            String expected = policy.toLowerCase();
            assertEquals(Map.of("appendfsync", expected), jedis.configGet("appendfsync"));
            assertTrue(info("persistence").contains("\r\nappendfsync:" + expected + "\r\n"));
        }
        assertEquals(String.format(FAILED, "appendfsync", "argument(s) must be one of the following: everysec, always, no"),
                error(jedis, "CONFIG", "SET", "appendfsync", "sometimes"));
        assertEquals(Map.of("appendfsync", "everysec"), jedis.configGet("appendfsync"));
    }

    @Test
    void protoMaxBulkLenTakesMemoryValuesAndLimitsRequests() {
        assertEquals("OK", call(jedis, "CONFIG", "SET", "proto-max-bulk-len", "2mb"));
        assertEquals(Map.of("proto-max-bulk-len", "2097152"), jedis.configGet("proto-max-bulk-len"));
        assertEquals("OK", call(jedis, "CONFIG", "SET", "proto-max-bulk-len", "1048576"));
        assertEquals(String.format(FAILED, "proto-max-bulk-len", "argument must be between 1048576 and 9223372036854775807 inclusive"),
                error(jedis, "CONFIG", "SET", "proto-max-bulk-len", "1k"));
        assertEquals(String.format(FAILED, "proto-max-bulk-len", "argument must be between 1048576 and 9223372036854775807 inclusive"),
                error(jedis, "CONFIG", "SET", "proto-max-bulk-len", "1048575"));
        assertEquals(String.format(FAILED, "proto-max-bulk-len", "argument must be a memory value"),
                error(jedis, "CONFIG", "SET", "proto-max-bulk-len", "abc"));
        assertEquals(String.format(FAILED, "proto-max-bulk-len", "argument must be a memory value"),
                error(jedis, "CONFIG", "SET", "proto-max-bulk-len", "-5"));
        // A bulk string over the limit is a protocol error that ends the connection, as soon as its
        // length is read (the server does not wait for the bytes).
        try (RawClient raw = new RawClient(node.port())) {
            raw.sendRaw("*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$1048577\r\n");
            assertEquals("-ERR Protocol error: invalid bulk length\r\n", raw.read());
            assertTrue(raw.closedByServer());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        jedis.set("just-fits", "x".repeat(1024 * 1024));
        assertEquals(1024 * 1024, jedis.strlen("just-fits"));
    }

    @Test
    void maxclientsRefusesConnectionsOverTheLimit() {
        // Connections already open stay; new ones are refused.
        assertEquals("OK", call(jedis, "CONFIG", "SET", "maxclients", "1"));
        assertTrue(info("clients").contains("\r\nmaxclients:1\r\n"));
        try (RawClient raw = new RawClient(node.port())) {
            assertEquals("-ERR max number of clients reached\r\n", raw.read());
            assertTrue(raw.closedByServer());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertEquals(String.format(FAILED, "maxclients", "argument must be between 1 and 4294967295 inclusive"),
                error(jedis, "CONFIG", "SET", "maxclients", "0"));
        assertEquals(String.format(FAILED, "maxclients", "argument couldn't be parsed into an integer"),
                error(jedis, "CONFIG", "SET", "maxclients", "1.5"));
        jedis.configSet("maxclients", "10000");
        try (Jedis other = node.client()) {
            assertEquals("PONG", other.ping());
        }
    }

    @Test
    void configSetErrors() {
        assertEquals(String.format(FAILED, "databases", "can't set immutable config"),
                error(jedis, "CONFIG", "SET", "databases", "3"));
        assertEquals(String.format(FAILED, "port", "can't set immutable config"),
                error(jedis, "CONFIG", "SET", "PORT", "1234"));
        assertEquals("ERR Unknown option or number of arguments for CONFIG SET - 'Foo'",
                error(jedis, "CONFIG", "SET", "Foo", "bar"));
        assertEquals("ERR wrong number of arguments for 'config|set' command", error(jedis, "CONFIG", "SET", "maxclients"));
        assertEquals("ERR wrong number of arguments for 'config|set' command",
                error(jedis, "CONFIG", "SET", "maxclients", "5", "appendfsync"));
        assertEquals("ERR unknown subcommand 'foo'. Try CONFIG HELP.", error(jedis, "CONFIG", "foo"));
        assertEquals("ERR wrong number of arguments for 'config|resetstat' command", error(jedis, "CONFIG", "RESETSTAT", "x"));
    }

    @Test
    void configSetTakesSeveralPairsAllOrNothing() {
        assertEquals("OK", call(jedis, "CONFIG", "SET", "maxclients", "50", "appendfsync", "no"));
        assertEquals(Map.of("maxclients", "50", "appendfsync", "no"), pairs(call(jedis, "CONFIG", "GET", "maxclients", "appendfsync")));
        // One bad value, one unknown name or one repeated name: nothing changes.
        assertEquals(String.format(FAILED, "maxclients", "argument must be between 1 and 4294967295 inclusive"),
                error(jedis, "CONFIG", "SET", "appendfsync", "always", "maxclients", "0"));
        assertEquals("ERR Unknown option or number of arguments for CONFIG SET - 'foo'",
                error(jedis, "CONFIG", "SET", "maxclients", "0", "foo", "bar"));
        assertEquals(String.format(FAILED, "maxclients", "duplicate parameter"),
                error(jedis, "CONFIG", "SET", "maxclients", "60", "maxclients", "70"));
        assertEquals(Map.of("maxclients", "50", "appendfsync", "no"), pairs(call(jedis, "CONFIG", "GET", "maxclients", "appendfsync")));
    }

    @Test
    void resetstatClearsTheCounters() {
        for (int i = 0; i < 5; i++) {
            jedis.ping();
        }
        assertTrue(info("commandstats").contains("\r\ncmdstat_ping:calls="));
        assertEquals("OK", call(jedis, "CONFIG", "RESETSTAT"));
        String stats = info("commandstats");
        assertFalse(stats.contains("cmdstat_ping"), stats);
        assertTrue(Long.parseLong(field(info("stats"), "total_commands_processed")) <= 3);
    }

    // ---- COMMAND ----

    @Test
    void commandListsEveryCommandAndCountMatches() {
        List<?> all = (List<?>) call(jedis, "COMMAND");
        long count = (Long) call(jedis, "COMMAND", "COUNT");
        assertEquals(all.size(), count);
        Set<String> names = new TreeSet<>();
        all.forEach(entry -> names.add((String) ((List<?>) entry).get(0)));
        assertEquals(all.size(), names.size());
        assertTrue(names.containsAll(Set.of("get", "set", "ping", "info", "scan", "slotsinfo", "command")), names.toString());
        assertEquals(names, new TreeSet<>(castStrings(call(jedis, "COMMAND", "LIST"))));
        assertEquals("ERR wrong number of arguments for 'command|count' command", error(jedis, "COMMAND", "COUNT", "x"));
        assertEquals("ERR unknown subcommand 'foo'. Try COMMAND HELP.", error(jedis, "COMMAND", "foo"));
    }

    @Test
    void commandInfoOfGetAndSetIsRedisByteForByte() throws IOException {
        try (RawClient raw = new RawClient(node.port())) {
            assertEquals(GET_SET_INFO_RESP2, raw.call("COMMAND", "INFO", "get", "SET"));
            raw.call("HELLO", "3");
            assertEquals(GET_SET_INFO_RESP3, raw.call("COMMAND", "INFO", "get", "SET"));
        }
        List<?> info = (List<?>) call(jedis, "COMMAND", "INFO", "nosuch", "get");
        assertNull(info.get(0));
        assertEquals("get", ((List<?>) info.get(1)).get(0));
    }

    @Test
    void commandInfoOfOtherCommands() {
        // Arity, flags, key positions and categories as Redis 7.0 has them.
        assertEquals(List.of("mset", -3L, List.of("write", "denyoom"), 1L, -1L, 2L, List.of("@write", "@string", "@slow")),
                ((List<?>) ((List<?>) call(jedis, "COMMAND", "INFO", "mset")).get(0)).subList(0, 7));
        assertEquals(List.of("rename", 3L, List.of("write"), 1L, 2L, 1L, List.of("@keyspace", "@write", "@slow")),
                ((List<?>) ((List<?>) call(jedis, "COMMAND", "INFO", "rename")).get(0)).subList(0, 7));
        assertEquals(List.of("dbsize", 1L, List.of("readonly", "fast"), 0L, 0L, 0L, List.of("@keyspace", "@read", "@fast")),
                ((List<?>) ((List<?>) call(jedis, "COMMAND", "INFO", "dbsize")).get(0)).subList(0, 7));
    }

    @Test
    void commandDocsOfGet() {
        Map<String, Object> docs = pairs(call(jedis, "COMMAND", "DOCS", "get"));
        assertEquals(Set.of("get"), docs.keySet());
        Map<String, Object> get = pairs(docs.get("get"));
        assertEquals(List.of("summary", "since", "group"), List.copyOf(get.keySet()).subList(0, 3));
        assertFalse(((String) get.get("summary")).isEmpty());
        assertEquals("1.0.0", get.get("since"));
        assertEquals("string", get.get("group"));
        assertEquals(List.of(), call(jedis, "COMMAND", "DOCS", "nosuch"));
    }

    @Test
    void commandListFiltersAndGetkeys() {
        assertEquals(Set.of("slotshashkey", "slotsinfo", "slotsscan", "slotsdel", "slotsdigest", "slotscheck", "slotsrestore",
                "slotsmgrtslot", "slotsmgrttagslot", "slotsmgrtone", "slotsmgrttagone", "slotsmgrtslot-async",
                "slotsmgrttagslot-async", "slotsmgrtone-async", "slotsmgrttagone-async", "slotsmgrt-async-fence",
                "slotsmgrt-async-cancel", "slotsmgrt-async-status", "slotsmgrt-exec-wrapper", "slotsrestore-async",
                "slotsrestore-async-auth", "slotsrestore-async-select", "slotsrestore-async-ack"),
                Set.copyOf(castStrings(call(jedis, "COMMAND", "LIST", "FILTERBY", "PATTERN", "slots*"))));
        assertTrue(castStrings(call(jedis, "COMMAND", "LIST", "FILTERBY", "ACLCAT", "string")).containsAll(List.of("get", "set")));
        assertEquals(List.of(), call(jedis, "COMMAND", "LIST", "FILTERBY", "MODULE", "x"));
        assertEquals("ERR syntax error", error(jedis, "COMMAND", "LIST", "FILTERBY", "foo", "x"));
        assertEquals("ERR syntax error", error(jedis, "COMMAND", "LIST", "x"));
        assertEquals(List.of("a", "b"), call(jedis, "COMMAND", "GETKEYS", "MSET", "a", "1", "b", "2"));
        assertEquals(List.of("k"), call(jedis, "COMMAND", "GETKEYS", "set", "k", "v", "EX", "10"));
        assertEquals("ERR Invalid command specified", error(jedis, "COMMAND", "GETKEYS", "nosuch", "a"));
        assertEquals("ERR Invalid number of arguments specified for command", error(jedis, "COMMAND", "GETKEYS", "get", "a", "b"));
        assertEquals("ERR The command has no key arguments", error(jedis, "COMMAND", "GETKEYS", "ping", "x"));
        assertEquals("ERR wrong number of arguments for 'command|getkeys' command", error(jedis, "COMMAND", "GETKEYS", "get"));
    }

    // ---- TIME ----

    @Test
    void timeIsSecondsAndMicroseconds() {
        long before = System.currentTimeMillis();
        List<String> time = castStrings(call(jedis, "TIME"));
        long after = System.currentTimeMillis();
        long seconds = Long.parseLong(time.get(0));
        long micros = Long.parseLong(time.get(1));
        assertTrue(micros >= 0 && micros < 1_000_000, time.toString());
        long millis = seconds * 1000 + micros / 1000;
        assertTrue(millis >= before - 1 && millis <= after + 1, before + " " + time + " " + after);
        assertEquals("ERR wrong number of arguments for 'time' command", error(jedis, "TIME", "x"));
    }

    // ---- helpers ----

    private String info(String... sections) {
        return (String) call(jedis, "INFO", sections);
    }

    private static List<String> headers(String info) {
        List<String> headers = new ArrayList<>();
        for (String line : info.split("\r\n")) {
            if (line.startsWith("# ")) {
                headers.add(line.substring(2));
            }
        }
        return headers;
    }

    private static String field(String info, String name) {
        for (String line : info.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + info);
    }

    private static List<String> castStrings(Object list) {
        List<String> out = new ArrayList<>();
        ((List<?>) list).forEach(item -> out.add((String) item));
        return out;
    }
}
