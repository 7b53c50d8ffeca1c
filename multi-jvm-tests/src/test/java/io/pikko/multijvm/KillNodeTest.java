package io.pikko.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.testing.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * {@code kill -9} of a node that does not run the dashboard: the slots of the other groups keep
 * serving through every surviving node, and the dead group's slots answer an error instead of hanging.
 */
class KillNodeTest {
    @RegisterExtension
    static final PikkoCluster cluster = PikkoCluster.of(3);

    /** The request timeout of a node (pikko.gateway.request-timeout) and some slack for a busy machine. */
    private static final Duration ERROR_WITHIN = Duration.ofSeconds(5 + 5);

    @Test
    void theOtherGroupsKeepServingAndTheDeadGroupsSlotsFailFast() throws Exception {
        // Group 1 = node 0 (the dashboard's node, the oldest) owns 0..341, group 2 = node 1 owns 342..682,
        // group 3 = node 2 owns 683..1023.
        Topologies.giveSlots(cluster, 2, 1, 342, 682);
        Topologies.giveSlots(cluster, 3, 2, 683, 1023);
        List<String> group1 = SlotKeys.inSlots("alive1:", 0, 341, 20);
        List<String> group2 = SlotKeys.inSlots("alive2:", 342, 682, 20);
        String inGroup3 = SlotKeys.inSlots("doomed:", 683, 1023, 1).get(0);
        try (Jedis jedis = cluster.node(0).jedis()) {
            for (String key : group1) {
                jedis.set(key, "v-" + key);
            }
            for (String key : group2) {
                jedis.set(key, "v-" + key);
            }
            jedis.set(inGroup3, "lost with node 2");
        }

        cluster.kill9(2);

        // Right away, before the cluster has even noticed, a request for group 3's slots gets an error
        // reply in bounded time; it never hangs.
        for (ClusterNode node : List.of(cluster.node(0), cluster.node(1))) {
            try (Jedis jedis = node.jedis()) {
                long start = System.nanoTime();
                JedisDataException error = assertThrows(JedisDataException.class, () -> jedis.get(inGroup3),
                        node + " GET of a key in a dead node's slot");
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertTrue(took.compareTo(ERROR_WITHIN) < 0, node + " took " + took + " to answer: " + error.getMessage());
            }
        }

        // Through failure detection and the split brain resolver downing node 2 (seconds), group 1's and
        // group 2's keys are read and written through both survivors, every round.
        long until = System.nanoTime() + Duration.ofSeconds(25).toNanos();
        int round = 0;
        while (System.nanoTime() < until) {
            round++;
            for (ClusterNode node : List.of(cluster.node(0), cluster.node(1))) {
                try (Jedis jedis = node.jedis()) {
                    for (String key : List.of(group1.get(round % group1.size()), group2.get(round % group2.size()))) {
                        assertEquals("v-" + key, jedis.get(key), "round " + round + ", " + node + " GET " + key);
                        String fresh = "{" + key + "}:round" + round; // the tag keeps it in the key's slot
                        assertEquals("OK", jedis.set(fresh, "x"), "round " + round + ", " + node + " SET " + fresh);
                    }
                }
            }
            Thread.sleep(200);
        }

        // Once node 2 is down, group 3 has no live master: its slots say they are not served.
        for (ClusterNode node : List.of(cluster.node(0), cluster.node(1))) {
            Eventually.await(Duration.ofSeconds(30), () -> {
                try (Jedis jedis = node.jedis()) {
                    JedisDataException settled = assertThrows(JedisDataException.class, () -> jedis.get(inGroup3));
                    assertTrue(settled.getMessage().startsWith("CLUSTERDOWN"), settled.getMessage());
                    assertTrue(settled.getMessage().contains("slot " + SlotKeys.slotOf(inGroup3) + " "), settled.getMessage());
                }
            });
        }

        // The topology is unchanged: a dead master is the failover work's business, not a silent remap.
        assertEquals(Map.of(1, List.of(cluster.node(0).respAddress()), 2, List.of(cluster.node(1).respAddress()),
                3, List.of(cluster.node(2).respAddress())), cluster.node(1).admin().groups());
        assertEquals(3, cluster.node(0).admin().slots()[1023]);
    }
}
