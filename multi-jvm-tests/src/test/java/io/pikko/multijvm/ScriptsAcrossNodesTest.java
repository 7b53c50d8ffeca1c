package io.pikko.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.testing.Eventually;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Scripts through any node: a script sent through one node runs on the node of its keys' slot and
 * sees what the others wrote; SCRIPT KILL through a third node stops a runaway one.
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
