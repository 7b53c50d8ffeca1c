package io.pikko.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.testing.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.LibraryInfo;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Scripts through any node: a script sent through one node runs on the node of its keys' slot and
 * sees what the others wrote; SCRIPT KILL through a third node stops a runaway one; a function
 * library loaded through one node is called through every node.
 */
class ScriptsAcrossNodesTest {
    @RegisterExtension
    static final PikkoCluster cluster = PikkoCluster.of(3);

    private static Object eval(Jedis jedis, String... args) {
        return jedis.sendCommand(() -> SafeEncoder.encode("EVAL"), args);
    }

    @Test
    void aScriptRunsOnItsSlotWhicheverNodeItCameThrough() {
        for (int k = 0; k < 30; k++) {
            String key = "{script" + k + "}counter";
            for (ClusterNode node : cluster.nodes()) {
                try (Jedis jedis = node.jedis()) {
                    eval(jedis, "return redis.call('incrby', KEYS[1], ARGV[1])", "1", key, "2");
                }
            }
            try (Jedis jedis = cluster.nodes().get(0).jedis()) {
                assertEquals("6", jedis.get(key), key);
            }
        }
    }

    @Test
    void aLibraryLoadedThroughOneNodeIsCalledThroughEveryNode() {
        try (Jedis first = cluster.nodes().get(0).jedis()) {
            first.functionFlush();
            assertEquals("counters", first.functionLoad("#!lua name=counters\n"
                    + "redis.register_function('bump', function(keys, args) return redis.call('incrby', keys[1], args[1]) end)\n"
                    + "redis.register_function{function_name='peek', callback=function(keys) return redis.call('get', keys[1]) end, flags={'no-writes'}}"));
        }
        // Answered once journaled: every other node finds the library at once (asking the dashboard when its copy is older).
        for (int k = 0; k < 10; k++) {
            String key = "{function" + k + "}counter";
            for (ClusterNode node : cluster.nodes()) {
                try (Jedis jedis = node.jedis()) {
                    jedis.fcall("bump", List.of(key), List.of("2"));
                }
            }
            try (Jedis jedis = cluster.nodes().get(2).jedis()) {
                assertEquals("6", jedis.fcallReadonly("peek", List.of(key), List.of()), key);
            }
        }
        try (Jedis second = cluster.nodes().get(1).jedis(); Jedis third = cluster.nodes().get(2).jedis()) {
            assertEquals(List.of("counters"), third.functionList().stream().map(LibraryInfo::getLibraryName).toList());
            assertEquals("OK", second.functionDelete("counters"));
            assertEquals(List.of(), third.functionList());
            // FCALL reads the node's own copy, refreshed every 500 ms: the deletion reaches it within moments.
            Eventually.await(Duration.ofSeconds(10), () -> assertEquals("ERR Function not found", assertThrows(
                    JedisDataException.class, () -> third.fcall("bump", List.of("{function0}counter"), List.of("1"))).getMessage()));
        }
    }

    @Test
    void scriptKillThroughAnotherNodeStopsARunawayScript() throws Exception {
        ClusterNode first = cluster.nodes().get(0);
        ClusterNode third = cluster.nodes().get(2);
        try (Jedis runner = first.jedis(); Jedis killer = third.jedis(); Jedis other = cluster.nodes().get(1).jedis()) {
            CompletableFuture<String> runaway = CompletableFuture.supplyAsync(() -> {
                try {
                    eval(runner, "while true do end", "1", "{runaway}k");
                    return "returned";
                } catch (JedisDataException e) {
                    return e.getMessage();
                }
            });
            Eventually.await(Duration.ofSeconds(20), () -> assertEquals("OK",
                    killer.sendCommand(() -> SafeEncoder.encode("SCRIPT"), "KILL") instanceof byte[] ok
                            ? SafeEncoder.encode(ok) : "not yet"));
            String answer = runaway.get(20, TimeUnit.SECONDS);
            assertTrue(answer.startsWith("ERR Script killed by user with SCRIPT KILL..."), answer);
            assertEquals("OK", other.set("{runaway}k", "free"));
        }
    }
}
