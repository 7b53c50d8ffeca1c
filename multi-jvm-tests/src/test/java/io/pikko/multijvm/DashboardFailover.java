package io.pikko.multijvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.testing.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * What losing the dashboard's node must not lose, whichever database holds the journal: {@code kill -9}
 * of node 0 (the oldest member, where the singleton runs); the singleton starts on another node,
 * recovers the full topology from the journal, and the API answers and takes changes again.
 */
final class DashboardFailover {
    /** Failure detection, the split brain resolver's stable-after, the singleton's hand-over and recovery. */
    private static final Duration RECOVERY = Duration.ofSeconds(90);

    private DashboardFailover() {}

    static void killTheDashboardsNodeAndCheck(PikkoCluster cluster) throws Exception {
        Topologies.giveSlots(cluster, 2, 1, 512, 1023);
        cluster.node(1).admin().createGroup(3);
        Map<Integer, List<String>> groups = cluster.node(1).admin().groups();
        int[] slots = cluster.node(1).admin().slots();
        assertEquals(Map.of(1, List.of(cluster.node(0).respAddress()), 2, List.of(cluster.node(1).respAddress()),
                3, List.of()), groups);
        List<String> inGroup2 = SlotKeys.inSlots("kept:", 512, 1023, 20);
        String inGroup1 = SlotKeys.inSlots("gone:", 0, 511, 1).get(0);
        try (Jedis jedis = cluster.node(2).jedis()) {
            for (String key : inGroup2) {
                assertEquals("OK", jedis.set(key, "v-" + key));
            }
        }

        assertEquals(cluster.node(0).respAddress(), dashboardNode(cluster.node(2)), "the dashboard runs on the oldest node");

        long killedAt = System.nanoTime();
        cluster.kill9(0);

        // Every surviving node's API answers from the new singleton with the topology as it was.
        for (ClusterNode node : List.of(cluster.node(1), cluster.node(2))) {
            Eventually.await(RECOVERY, () -> {
                String dashboard = dashboardNode(node);
                assertTrue(dashboard.equals(cluster.node(1).respAddress()) || dashboard.equals(cluster.node(2).respAddress()),
                        node + ": the dashboard runs on a survivor, not on " + dashboard);
                assertEquals(groups, node.admin().groups(), node + " groups");
                assertArrayEquals(slots, node.admin().slots(), node + " slots");
            });
        }
        System.out.printf("dashboard failover: the API answered from the new singleton %d ms after kill -9 of its node%n",
                (System.nanoTime() - killedAt) / 1_000_000);
        // The new singleton takes changes, and every node sees them.
        cluster.node(2).admin().addServer(3, cluster.node(2).respAddress());
        Map<Integer, List<String>> changed = Map.of(1, List.of(cluster.node(0).respAddress()),
                2, List.of(cluster.node(1).respAddress()), 3, List.of(cluster.node(2).respAddress()));
        for (ClusterNode node : List.of(cluster.node(1), cluster.node(2))) {
            Eventually.await(Duration.ofSeconds(10), () -> assertEquals(changed, node.admin().groups(), node + " groups"));
        }

        // Group 2's slots live on node 1, which is alive: they serve with their data through both survivors.
        // A fresh connection per try: a request that timed out may have broken the last one.
        for (ClusterNode node : List.of(cluster.node(1), cluster.node(2))) {
            Eventually.await(RECOVERY, () -> {
                try (Jedis jedis = node.jedis()) {
                    for (String key : inGroup2) {
                        assertEquals("v-" + key, jedis.get(key), node + " GET " + key);
                    }
                }
            });
            // Group 1's master is dead: its slots say so.
            Eventually.await(RECOVERY, () -> {
                try (Jedis jedis = node.jedis()) {
                    JedisDataException error = assertThrows(JedisDataException.class, () -> jedis.get(inGroup1));
                    assertTrue(error.getMessage().startsWith("CLUSTERDOWN"), error.getMessage());
                }
            });
        }
    }

    /** The RESP address of the member that {@code GET /api/nodes} marks as running the dashboard. */
    private static String dashboardNode(ClusterNode observer) {
        return observer.admin().nodes().stream().filter(m -> m.path("dashboard").asBoolean())
                .map(m -> m.path("resp").asText()).findFirst().orElse("none");
    }
}
