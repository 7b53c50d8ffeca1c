package io.pikko.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pikko.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/** A node killed and started again on its data directory rejoins and serves its slots with their data. */
class RestartRejoinTest {
    @RegisterExtension
    static final PikkoCluster cluster = PikkoCluster.of(3);

    /** Rejoining and its slots being placed on it again take the cluster a few rounds. */
    private static final Duration REJOIN = Duration.ofSeconds(60);

    @Test
    void aKilledNodeComesBackWithItsData() throws Exception {
        Topologies.giveSlots(cluster, 2, 1, 512, 1023);
        List<String> keys = new ArrayList<>(SlotKeys.inSlots("before:", 512, 1023, 30));
        keys.addAll(SlotKeys.inSlots("before:", 0, 511, 10));
        String list = SlotKeys.inSlots("list:", 512, 1023, 1).get(0);
        try (Jedis jedis = cluster.node(2).jedis()) {
            for (String key : keys) {
                assertEquals("OK", jedis.set(key, "v-" + key));
            }
            jedis.rpush(list, "a", "b", "c");
        }

        cluster.kill9(1);
        cluster.restart(1);

        for (ClusterNode node : cluster.nodes()) {
            Eventually.await(REJOIN, () -> {
                try (Jedis jedis = node.jedis()) {
                    for (String key : keys) {
                        assertEquals("v-" + key, jedis.get(key), node + " GET " + key);
                    }
                    assertEquals(List.of("a", "b", "c"), jedis.lrange(list, 0, -1), node + " LRANGE " + list);
                }
            });
        }
        // It takes writes for its slots again, and they are seen everywhere.
        String after = SlotKeys.inSlots("after:", 512, 1023, 1).get(0);
        try (Jedis jedis = cluster.node(1).jedis()) {
            assertEquals("OK", jedis.set(after, "written after the restart"));
        }
        for (ClusterNode node : cluster.nodes()) {
            try (Jedis jedis = node.jedis()) {
                assertEquals("written after the restart", jedis.get(after), node.toString());
            }
        }
    }

    @Test
    void aStoppedNodeComesBackWithItsData() throws Exception {
        // Runs after or before the test above; either way group 2 is node 1's, with slots 512..1023.
        if (!cluster.node(1).admin().groups().containsKey(2)) {
            Topologies.giveSlots(cluster, 2, 1, 512, 1023);
        }
        List<String> keys = SlotKeys.inSlots("stopped:", 512, 1023, 20);
        try (Jedis jedis = cluster.node(0).jedis()) {
            for (String key : keys) {
                assertEquals("OK", jedis.set(key, "v-" + key));
            }
        }

        assertEquals(0, cluster.terminate(1), "exit code after SIGTERM");
        cluster.restart(1);

        for (ClusterNode node : cluster.nodes()) {
            Eventually.await(REJOIN, () -> {
                try (Jedis jedis = node.jedis()) {
                    for (String key : keys) {
                        assertEquals("v-" + key, jedis.get(key), node + " GET " + key);
                    }
                }
            });
        }
    }
}
