package io.pikko.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pikko.protocol.SlotHash;
import io.pikko.testing.Eventually;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * Group 2 is node 1 (master) and node 2 (its replica); group 1 is node 0, where the dashboard
 * runs. {@code kill -9} of node 1: the sentinel promotes node 2, clients through the surviving
 * nodes write again within seconds, what was replicated before the kill is all there, and node 1,
 * started again, follows the new master and ends with its data. Then the group goes consistent and
 * its new master is killed in turn: no acknowledged write is lost.
 */
class MasterFailoverTest {
    private static final int FIRST = 512;
    private static final int LAST = 1023;

    @RegisterExtension
    static final PikkoCluster cluster = PikkoCluster.of(3);

    @Test
    void aKilledMastersReplicaTakesOverAndTheOldMasterRejoinsAsItsReplica() throws Exception {
        ClusterNode dashboardNode = cluster.node(0);
        ClusterNode master = cluster.node(1);
        ClusterNode replica = cluster.node(2);
        Replicas.replicatedGroup(cluster, 2, 1, FIRST, LAST, 2);

        List<String> before = SlotKeys.inSlots("replicated:", FIRST, LAST, 2000);
        try (Jedis jedis = dashboardNode.jedis()) {
            for (String key : before) {
                jedis.set(key, "v-" + key);
            }
        }
        Replicas.awaitCaughtUp(replica);

        String probe = SlotKeys.inSlots("probe:", FIRST, LAST, 1).get(0);
        try (AcknowledgedWorkload workload = new AcknowledgedWorkload(List.of(dashboardNode, replica), "fo:").start()) {
            Thread.sleep(1500);
            long killed = System.nanoTime();
            long killedAt = System.currentTimeMillis();
            cluster.kill9(1);
            long resumedMillis = Replicas.millisUntilWritable(dashboardNode, probe, killed);
            System.out.println("failover: writes to the dead master's slots resumed " + resumedMillis + " ms after kill -9");
            Thread.sleep(1500);
            workload.close();
            JsonNode group = dashboardNode.admin().get("/api/groups/2").json();
            assertEquals(replica.respAddress(), group.get("master").asText());
            assertEquals(List.of(replica.respAddress(), master.respAddress()), texts(group.get("servers")));
            JsonNode failover = group.get("lastFailover");
            System.out.println("failover: the sentinel promoted the replica " + (failover.get("atMillis").asLong() - killedAt)
                    + " ms after kill -9");
            assertEquals(master.respAddress(), failover.get("from").asText());
            assertEquals(replica.respAddress(), failover.get("to").asText());
            List<String> lost = workload.lostOrWrong(dashboardNode);
            System.out.println("failover: " + lost.size() + " acknowledged writes lost (async mode); the dashboard"
                    + " reported at least " + failover.get("lostRecordsAtLeast").asLong() + " records lost; "
                    + workload.staleReads().size() + " stale reads");
            for (String problem : lost) {
                int slot = SlotHash.slotOf(problem.substring(0, problem.indexOf(' ')).getBytes(StandardCharsets.UTF_8));
                assertTrue(slot >= FIRST, "only the failed group's slots may lose writes: " + problem);
            }
        }
        try (Jedis jedis = dashboardNode.jedis()) {
            for (String key : before) {
                assertEquals("v-" + key, jedis.get(key), "replicated before the kill: " + key);
            }
        }

        cluster.restart(1);
        Replicas.awaitFollowing(master, LAST - FIRST + 1);
        try (Jedis jedis = master.jedis()) {
            String info = jedis.info("replication");
            assertTrue(info.contains("role:slave") && info.contains("master_port:" + replica.respPort()), info);
        }
        Replicas.awaitCaughtUp(master);
        List<String> differing = Replicas.differingSlots(dashboardNode, master, FIRST, LAST);
        assertEquals(List.of(), differing, "the old master holds the new master's data, tail or not");

        consistentModeLosesNoAcknowledgedWrite(dashboardNode, master, probe);
    }

    /**
     * The group (node 2 master, node 1 its replica) goes consistent; {@code kill -9} of node 2:
     * node 1 is promoted with every acknowledged write. With one of two servers up no write has a
     * majority, so writes wait (NOREPLICAS) until node 2 is back as node 1's replica.
     */
    private static void consistentModeLosesNoAcknowledgedWrite(ClusterNode dashboardNode, ClusterNode replica, String probe)
            throws Exception {
        ClusterNode master = cluster.node(2);
        AdminClient.expectOk(dashboardNode.admin().put("/api/groups/2", "{\"mode\":\"consistent\"}"), "consistent mode");
        assertEquals("consistent", dashboardNode.admin().get("/api/groups/2").json().get("mode").asText());
        try (AcknowledgedWorkload workload = new AcknowledgedWorkload(List.of(dashboardNode, replica), "co:").start()) {
            Thread.sleep(1500);
            long acknowledgedBefore = LongStream.of(workload.writes()).sum();
            assertTrue(acknowledgedBefore > 0, "writes are acknowledged in consistent mode");
            long killed = System.nanoTime();
            cluster.kill9(2);
            Eventually.await(Duration.ofSeconds(30), () -> assertEquals(replica.respAddress(),
                    dashboardNode.admin().get("/api/groups/2").json().get("master").asText()));
            cluster.restart(2);
            long resumedMillis = Replicas.millisUntilWritable(dashboardNode, probe, killed);
            System.out.println("failover (consistent): writes resumed " + resumedMillis + " ms after kill -9, once the"
                    + " killed master was back as a replica; " + acknowledgedBefore + " writes acknowledged before the kill");
            Thread.sleep(1500);
            workload.close();
            List<String> lost = workload.lostOrWrong(dashboardNode);
            System.out.println("failover (consistent): " + lost.size() + " acknowledged writes lost; "
                    + workload.staleReads().size() + " stale reads");
            assertEquals(List.of(), lost, "consistent mode loses no acknowledged write");
            assertEquals(List.of(), workload.staleReads(), "no read older than a write acknowledged before it");
        }
        Replicas.awaitFollowing(master, LAST - FIRST + 1);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
