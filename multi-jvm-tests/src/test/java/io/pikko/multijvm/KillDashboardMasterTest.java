package io.pikko.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.pikko.testing.Eventually;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * The sentinel's own node is the master that dies: group 1 is node 0 (where the dashboard runs)
 * and node 2, its replica; group 2 is node 1. {@code kill -9} of node 0 takes the dashboard with
 * it. The singleton starts on a survivor, recovers the topology from the journal, finds group 1's
 * master gone and promotes node 2, and group 1's slots take writes again with their data.
 */
class KillDashboardMasterTest {
    private static final int FIRST = 0;
    private static final int LAST = 511;

    @RegisterExtension
    static final PikkoCluster cluster = PikkoCluster.of(3);

    @Test
    void theNewSingletonPromotesTheReplicaOfTheGroupWhoseMasterItLostWith() throws Exception {
        ClusterNode survivor = cluster.node(1);
        ClusterNode replica = cluster.node(2);
        Topologies.giveSlots(cluster, 2, 1, 512, 1023);
        survivor.admin().addServer(1, replica.respAddress());
        Replicas.awaitFollowing(replica, LAST - FIRST + 1);
        List<String> before = SlotKeys.inSlots("before:", FIRST, LAST, 500);
        try (Jedis jedis = survivor.jedis()) {
            for (String key : before) {
                jedis.set(key, "v-" + key);
            }
        }
        Replicas.awaitCaughtUp(replica);
        assertEquals(cluster.node(0).respAddress(), survivor.admin().dashboardNode(), "the dashboard runs on group 1's master");

        String probe = SlotKeys.inSlots("probe:", FIRST, LAST, 1).get(0);
        long killed = System.nanoTime();
        cluster.kill9(0);
        long resumedMillis = Replicas.millisUntilWritable(survivor, probe, killed);
        System.out.println("failover with the dashboard: writes to group 1's slots resumed " + resumedMillis
                + " ms after kill -9 of the node that was both its master and the dashboard's");
        JsonNode group = survivor.admin().get("/api/groups/1").json();
        assertEquals(replica.respAddress(), group.get("master").asText(), "the new singleton promoted the replica: " + group);
        assertEquals(cluster.node(0).respAddress(), group.get("lastFailover").get("from").asText());
        Eventually.await(Duration.ofSeconds(30), () ->
                assertEquals(replica.respAddress(), replica.admin().get("/api/groups/1").json().get("master").asText()));
        for (ClusterNode node : List.of(survivor, replica)) {
            try (Jedis jedis = node.jedis()) {
                for (String key : before) {
                    assertEquals("v-" + key, jedis.get(key), node + ": replicated before the kill: " + key);
                }
                assertEquals("after", jedis.get(probe), node + ": written after the failover");
            }
        }
    }
}
