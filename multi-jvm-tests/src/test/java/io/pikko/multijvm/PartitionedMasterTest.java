package io.pikko.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Group 2 is node 1 (master) and node 2 (its replica); the dashboard runs on node 0. Node 1 is
 * frozen with SIGSTOP for longer than its write lease, as a partition or a long pause would cut it
 * off: the sentinel promotes node 2. Writes a client had sent to node 1 while it was frozen reach
 * it when it wakes (SIGCONT), together with the sentinel's probes that queued meanwhile: node 1
 * must take none of them as their master, since its lease ran out while it slept. Then node 1,
 * downed, comes back as node 2's replica with node 2's data.
 */
class PartitionedMasterTest {
    private static final int FIRST = 512;
    private static final int LAST = 1023;
    private static final int SENT_WHILE_FROZEN = 200;

    @RegisterExtension
    static final PikkoCluster cluster = PikkoCluster.of(3);

    @Test
    void aFrozenMasterTakesNoWriteOnceItsLeaseRanOutAndRejoinsAsAReplica() throws Exception {
        ClusterNode dashboardNode = cluster.node(0);
        ClusterNode oldMaster = cluster.node(1);
        ClusterNode replica = cluster.node(2);
        Replicas.replicatedGroup(cluster, 2, 1, FIRST, LAST, 2);
        List<String> before = SlotKeys.inSlots("before:", FIRST, LAST, 500);
        try (Jedis jedis = dashboardNode.jedis()) {
            for (String key : before) {
                jedis.set(key, "v-" + key);
            }
        }
        Replicas.awaitCaughtUp(replica);

        List<String> late = SlotKeys.inSlots("late:", FIRST, LAST, SENT_WHILE_FROZEN);
        try (Jedis frozenClient = oldMaster.jedis()) {
            assertEquals("PONG", frozenClient.ping());
            cluster.freeze(1);
            long frozenAt = System.nanoTime();
            Eventually.await(Duration.ofSeconds(60), () -> assertEquals(replica.respAddress(),
                    dashboardNode.admin().get("/api/groups/2").json().get("master").asText()));
            System.out.println("partition: node 2 promoted " + (System.nanoTime() - frozenAt) / 1_000_000
                    + " ms after node 1 froze");
            // Sent now, read by node 1 only when it wakes, long after its lease ran out.
            Pipeline pipeline = frozenClient.pipelined();
            late.forEach(key -> pipeline.set(key, "late"));
            CompletableFuture<List<Object>> replies = CompletableFuture.supplyAsync(pipeline::syncAndReturnAll);
            Thread.sleep(500);
            cluster.thaw(1);
            List<String> acknowledged = acknowledged(late, replies);
            System.out.println("partition: " + acknowledged.size() + " of " + late.size()
                    + " writes sent to the frozen master were acknowledged after it woke");
            try (Jedis jedis = dashboardNode.jedis()) {
                for (String key : acknowledged) {
                    assertEquals("late", jedis.get(key), "acknowledged by the woken old master, so the new master must hold it: "
                            + key);
                }
            }
        }
        try (Jedis jedis = dashboardNode.jedis()) {
            for (String key : before) {
                assertEquals("v-" + key, jedis.get(key), "replicated before the freeze: " + key);
            }
        }

        // The sentinel downed node 1; woken, it finds out and stops.
        assertTrue(oldMaster.awaitExit(Duration.ofSeconds(60)), "the downed old master stops once it wakes");
        cluster.restart(1);
        Replicas.awaitFollowing(oldMaster, LAST - FIRST + 1);
        try (Jedis jedis = oldMaster.jedis()) {
            String info = jedis.info("replication");
            assertTrue(info.contains("role:slave") && info.contains("master_port:" + replica.respPort()), info);
        }
        Replicas.awaitCaughtUp(oldMaster);
        assertEquals(List.of(), Replicas.differingSlots(dashboardNode, oldMaster, FIRST, LAST),
                "the old master holds the new master's data, and nothing it took on its own");
    }

    /** The keys whose SET was answered OK; a connection that broke acknowledged none of what it had not answered. */
    private static List<String> acknowledged(List<String> keys, CompletableFuture<List<Object>> replies) throws Exception {
        List<String> out = new ArrayList<>();
        List<Object> answers;
        try {
            answers = replies.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof JedisException broken) {
                System.out.println("partition: the frozen master's connection broke: " + broken);
                return out;
            }
            throw e;
        }
        System.out.println("partition: the first reply the woken old master sent: " + answers.get(0));
        for (int i = 0; i < keys.size(); i++) {
            if ("OK".equals(answers.get(i))) {
                out.add(keys.get(i));
            }
        }
        return out;
    }
}
