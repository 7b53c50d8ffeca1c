package io.pikko.node;

import static io.pikko.node.ConnectionCommandsTest.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.FunctionStats;
import redis.clients.jedis.resps.LibraryInfo;

/**
 * Redis 7 functions through a real node with Jedis's function API: libraries loaded, listed,
 * called, replaced, deleted and flushed, the flags, FCALL_RO, the errors, the slot rules, FUNCTION
 * KILL, and libraries that outlive a restart.
 */
class FunctionsTest extends NodeTest {
    private static final String LIBRARY = """
            #!lua name=mylib
            local function set(keys, args)
              return redis.call('set', keys[1], args[1])
            end
            redis.register_function('myset', set)
            redis.register_function{function_name='myget', callback=function(keys) return redis.call('get', keys[1]) end,
                                    flags={'no-writes'}, description='reads a key'}
            """;

    @BeforeEach
    void noLibraries() {
        jedis.functionFlush();
    }

    @Test
    void aLoadedLibraryIsListedAndItsFunctionsAreCalled() {
        assertEquals("mylib", jedis.functionLoad(LIBRARY));
        assertEquals("OK", jedis.fcall("myset", List.of("k"), List.of("v")));
        assertEquals("v", jedis.fcall("myget", List.of("k"), List.of()));
        assertEquals("v", jedis.fcallReadonly("myget", List.of("k"), List.of()));
        assertEquals("v", jedis.get("k"));

        List<LibraryInfo> libraries = jedis.functionList();
        assertEquals(1, libraries.size());
        LibraryInfo library = libraries.get(0);
        assertEquals("mylib", library.getLibraryName());
        assertEquals("LUA", library.getEngine());
        assertNull(library.getLibraryCode());
        Map<String, Object> myget = library.getFunctions().stream().filter(f -> f.get("name").equals("myget")).findFirst().orElseThrow();
        assertEquals("reads a key", myget.get("description"));
        assertEquals(List.of("no-writes"), myget.get("flags"));
        assertEquals(LIBRARY, jedis.functionListWithCode().get(0).getLibraryCode());
        assertEquals(1, jedis.functionList("my*").size());
        assertEquals(0, jedis.functionList("other*").size());

        FunctionStats stats = jedis.functionStats();
        assertNull(stats.getRunningScript());
        assertEquals(Map.of("libraries_count", 1L, "functions_count", 2L), stats.getEngines().get("LUA"));
    }

    @Test
    void loadReplaceDeleteAndFlushChangeTheLibraries() {
        jedis.functionLoad(LIBRARY);
        assertEquals("ERR Library 'mylib' already exists", assertThrows(JedisDataException.class, () -> jedis.functionLoad(LIBRARY)).getMessage());
        assertEquals("mylib", jedis.functionLoadReplace("#!lua name=mylib\nredis.register_function('myset', function() return 'new' end)"));
        assertEquals("new", jedis.fcall("myset", List.of(), List.of()));
        assertEquals("ERR Function not found", assertThrows(JedisDataException.class, () -> jedis.fcall("myget", List.of("k"), List.of())).getMessage());
        assertEquals("ERR Function myset already exists",
                assertThrows(JedisDataException.class, () -> jedis.functionLoad("#!lua name=other\nredis.register_function('myset', function() end)")).getMessage());
        jedis.functionLoad("#!lua name=second\nredis.register_function('two', function() return 2 end)");
        assertEquals(2, jedis.functionList().size());
        assertEquals("OK", jedis.functionDelete("mylib"));
        assertEquals("ERR Library not found", assertThrows(JedisDataException.class, () -> jedis.functionDelete("mylib")).getMessage());
        assertEquals(2L, jedis.fcall("two", List.of(), List.of()));
        assertEquals("OK", jedis.functionFlush());
        assertEquals(List.of(), jedis.functionList());
        assertEquals("ERR Function not found", assertThrows(JedisDataException.class, () -> jedis.fcall("two", List.of(), List.of())).getMessage());
    }

    @Test
    void concurrentLoadsThroughManyConnectionsAreAllKept() throws Exception {
        int loaders = 8;
        List<CompletableFuture<String>> loads = new java.util.ArrayList<>();
        for (int i = 0; i < loaders; i++) {
            int n = i;
            loads.add(CompletableFuture.supplyAsync(() -> {
                try (Jedis client = node.client()) {
                    return client.functionLoad("#!lua name=lib" + n + "\nredis.register_function('f" + n + "', function() return " + n + " end)");
                }
            }));
        }
        for (int i = 0; i < loaders; i++) {
            assertEquals("lib" + i, loads.get(i).get(30, TimeUnit.SECONDS));
        }
        assertEquals(loaders, jedis.functionList().size());
        for (int i = 0; i < loaders; i++) {
            assertEquals((long) i, jedis.fcall("f" + i, List.of(), List.of()));
        }
    }

    @Test
    void flagsDecideWhatAFunctionMayDo() {
        jedis.functionLoad(LIBRARY);
        jedis.functionLoad("#!lua name=ro\nredis.register_function{function_name='sneaky', callback=function(keys) "
                + "return redis.call('set', keys[1], 'x') end, flags={'no-writes', 'allow-oom', 'allow-stale', 'no-cluster', 'allow-cross-slot-keys'}}");
        assertEquals("ERR Can not execute a script with write flag using *_ro command.",
                assertThrows(JedisDataException.class, () -> jedis.fcallReadonly("myset", List.of("k"), List.of("v"))).getMessage());
        assertEquals("ERR Write commands are not allowed from read-only scripts. script: sneaky, on @user_function:2.",
                assertThrows(JedisDataException.class, () -> jedis.fcall("sneaky", List.of("k"), List.of())).getMessage());
        assertNull(jedis.get("k"));
        assertEquals("ERR Error registering functions: ERR unknown flag given", assertThrows(JedisDataException.class, () ->
                jedis.functionLoad("#!lua name=bad\nredis.register_function{function_name='f', callback=function() end, flags={'bogus'}}")).getMessage());
    }

    @Test
    void badLibrariesAreRefusedWithRedisErrors() {
        assertEquals("ERR Missing library metadata", error(jedis, "FUNCTION", "LOAD", "return 1"));
        assertEquals("ERR Library name was not given", error(jedis, "FUNCTION", "LOAD", "#!lua\nreturn 1"));
        assertEquals("ERR Engine 'js' not found", error(jedis, "FUNCTION", "LOAD", "#!js name=x\nreturn 1"));
        assertEquals("ERR No functions registered", error(jedis, "FUNCTION", "LOAD", "#!lua name=x\nreturn 1"));
        assertTrue(error(jedis, "FUNCTION", "LOAD", "#!lua name=x\nx ===").startsWith("ERR Error compiling function: user_function:2:"));
        assertEquals("ERR Error registering functions: ERR user_function:2: Script attempted to access nonexistent global variable 'call'",
                error(jedis, "FUNCTION", "LOAD", "#!lua name=x\nredis.call('ping')"));
        assertEquals("ERR Error registering functions: ERR FUNCTION LOAD timeout",
                error(jedis, "FUNCTION", "LOAD", "#!lua name=x\nwhile true do end"));
        assertEquals(List.of(), jedis.functionList());
    }

    @Test
    void aFunctionRunsOnTheSlotOfItsKeys() {
        jedis.functionLoad("#!lua name=keys\nredis.register_function('touch', function(keys, args) "
                + "for i, k in ipairs(keys) do redis.call('incr', k) end return #keys end)"
                + "\nredis.register_function('other', function(keys) return redis.call('get', 'undeclared') end)");
        assertEquals(2L, jedis.fcall("touch", List.of("{t}a", "{t}b"), List.of()));
        assertEquals("1", jedis.get("{t}b"));
        assertEquals("CROSSSLOT Keys in request don't hash to the same slot",
                assertThrows(JedisDataException.class, () -> jedis.fcall("touch", List.of("a", "b"), List.of())).getMessage());
        assertEquals(0L, jedis.fcall("touch", List.of(), List.of()));
        assertTrue(assertThrows(JedisDataException.class, () -> jedis.fcall("other", List.of("{x}k"), List.of())).getMessage()
                .startsWith("ERR Script attempted to access a non local key in a cluster node script: other"));
        assertEquals("ERR Bad number of keys provided", error(jedis, "FCALL", "touch", "x"));
        assertEquals("ERR Number of keys can't be greater than number of args", error(jedis, "FCALL", "touch", "3", "a"));
        assertEquals("ERR Number of keys can't be negative", error(jedis, "FCALL", "touch", "-1"));
    }

    @Test
    void functionKillStopsARunawayFunctionAndNotAScript() throws Exception {
        jedis.functionLoad("#!lua name=loop\nredis.register_function('spin', function() while true do end end)");
        try (Jedis runner = node.client(); Jedis other = node.client()) {
            CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return String.valueOf(runner.fcall("spin", List.of("{spin}k"), List.of()));
                } catch (JedisDataException e) {
                    return e.getMessage();
                }
            });
            io.pikko.testing.Eventually.await(java.time.Duration.ofSeconds(20), () -> assertEquals("BUSY Redis is busy running a script. "
                    + "You can only call FUNCTION KILL or SHUTDOWN NOSAVE.", error(other, "SCRIPT", "KILL")));
            assertEquals("OK", other.functionKill());
            String answer = running.get(20, TimeUnit.SECONDS);
            assertTrue(answer.startsWith("ERR Script killed by user with SCRIPT KILL... script: spin, on @user_function:2."), answer);
            assertEquals("NOTBUSY No scripts in execution right now.", error(other, "FUNCTION", "KILL"));
        }
    }

    @Test
    void dumpRestoresWithEachPolicy() {
        jedis.functionLoad(LIBRARY);
        byte[] payload = jedis.functionDump();
        assertEquals("ERR Library mylib already exists", assertThrows(JedisDataException.class, () -> jedis.functionRestore(payload)).getMessage());
        jedis.functionLoad("#!lua name=extra\nredis.register_function('extra', function() return 1 end)");
        assertEquals("OK", jedis.functionRestore(payload, redis.clients.jedis.args.FunctionRestorePolicy.REPLACE));
        assertEquals(Set.of("mylib", "extra"), Set.copyOf(jedis.functionList().stream().map(LibraryInfo::getLibraryName).toList()));
        assertEquals("OK", jedis.functionRestore(payload, redis.clients.jedis.args.FunctionRestorePolicy.FLUSH));
        assertEquals(List.of("mylib"), jedis.functionList().stream().map(LibraryInfo::getLibraryName).toList());
        payload[payload.length - 1] ^= 1;
        assertEquals("ERR DUMP payload version or checksum are wrong",
                assertThrows(JedisDataException.class, () -> jedis.functionRestore(payload)).getMessage());
    }

    @Test
    void librariesOutliveARestart() throws Exception {
        Path data = Files.createTempDirectory("pikko-functions");
        try (TestNode restarting = TestNode.start(data, Map.of())) {
            try (Jedis client = restarting.client()) {
                client.functionLoad(LIBRARY);
                client.fcall("myset", List.of("kept"), List.of("yes"));
            }
            restarting.restart();
            try (Jedis client = restarting.client()) {
                assertEquals("yes", client.fcall("myget", List.of("kept"), List.of()));
                assertEquals(List.of("mylib"), client.functionList().stream().map(LibraryInfo::getLibraryName).toList());
                assertEquals(LIBRARY, client.functionListWithCode().get(0).getLibraryCode());
            }
        }
    }
}
