package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Data survives a clean restart, SIGTERM, and kill -9. A killed process loses nothing under any
 * appendfsync policy (the OS still holds what it wrote); AppendfsyncTest shows the policies apart.
 */
class DurabilityTest {
    @TempDir
    Path temp;

    @Test
    void cleanRestartKeepsEveryKeyAndTtl() {
        try (TestNode node = TestNode.start(temp.resolve("data"), Map.of())) {
            try (Jedis jedis = node.client()) {
                for (int i = 0; i < 2000; i++) {
                    jedis.set("k" + i, "v" + i);
                }
                jedis.select(3);
                jedis.set("in-db-3", "x");
                jedis.setex("with-ttl", 1000, "t");
            }
            node.restart();
            try (Jedis jedis = node.client()) {
                assertEquals(2000, jedis.dbSize());
                for (int i = 0; i < 2000; i += 97) {
                    assertEquals("v" + i, jedis.get("k" + i));
                }
                jedis.select(3);
                assertEquals("x", jedis.get("in-db-3"));
                long ttl = jedis.ttl("with-ttl");
                assertTrue(ttl > 990 && ttl <= 1000, "ttl after restart: " + ttl);
                assertEquals(2, jedis.dbSize());
            }
        }
    }

    @Test
    void killMinus9WithFsyncAlwaysLosesNoAcknowledgedWrite() throws Exception {
        Path data = temp.resolve("killed");
        int acknowledged;
        try (NodeProcess node = NodeProcess.start(data, Map.of("pikko.storage.fsync", "always"))) {
            try (Jedis jedis = node.client()) {
                acknowledged = 0;
                for (int i = 0; i < 3000; i++) {
                    jedis.set("key:" + i, "value:" + i);
                    acknowledged++;
                }
                jedis.incrBy("counter", acknowledged);
            }
            node.kill9();
        }
        try (NodeProcess node = NodeProcess.start(data, Map.of());
             Jedis jedis = node.client()) {
            for (int i = 0; i < acknowledged; i++) {
                assertEquals("value:" + i, jedis.get("key:" + i), "key:" + i + " lost by kill -9");
            }
            assertEquals(String.valueOf(acknowledged), jedis.get("counter"));
            assertEquals(acknowledged + 1, jedis.dbSize());
        }
    }

    @Test
    void sigtermStopsCleanlyAndKeepsData() throws Exception {
        Path data = temp.resolve("term");
        try (NodeProcess node = NodeProcess.start(data, Map.of())) {
            try (Jedis jedis = node.client()) {
                jedis.set("before-term", "kept");
            }
            assertEquals(0, node.terminate(), "exit code after SIGTERM");
        }
        try (NodeProcess node = NodeProcess.start(data, Map.of());
             Jedis jedis = node.client()) {
            assertEquals("kept", jedis.get("before-term"));
        }
    }

    @Test
    void shutdownCommandStopsTheNode() throws Exception {
        Path data = temp.resolve("shutdown");
        try (NodeProcess node = NodeProcess.start(data, Map.of())) {
            try (Jedis jedis = node.client()) {
                jedis.set("a", "1");
                try {
                    jedis.shutdown();
                } catch (RuntimeException connectionClosed) {
                    // Redis closes the connection without a reply; so does Pikko.
                }
            }
            assertTrue(node.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "node still running after SHUTDOWN");
            assertEquals(0, node.process().exitValue());
        }
        try (NodeProcess node = NodeProcess.start(data, Map.of());
             Jedis jedis = node.client()) {
            assertEquals("1", jedis.get("a"));
        }
    }
}
