package io.pikko.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pikko.testing.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Group 2 holds slots 512..1023 on three servers (nodes 1, 2 and 3) in consistent mode; the
 * dashboard runs on node 0. {@code kill -9} of the master under writers and readers through
 * nodes 0 and 2: a replica takes over, and as two of three servers still make a majority, writes
 * go on without the dead node coming back, with no acknowledged write lost and no stale read.
 */
class ConsistentGroupOfThreeTest {
    private static final int FIRST = 512;
    private static final int LAST = 1023;

    @RegisterExtension
    static final PikkoCluster cluster = PikkoCluster.of(4);

    @Test
    void aKilledMastersGroupWritesOnWithTheTwoLeftAndLosesNoAcknowledgedWrite() throws Exception {
        ClusterNode dashboardNode = cluster.node(0);
        ClusterNode master = cluster.node(1);
        Replicas.replicatedGroup(cluster, 2, 1, FIRST, LAST, 2, 3);
        AdminClient.expectOk(dashboardNode.admin().put("/api/groups/2", "{\"mode\":\"consistent\"}"), "consistent mode");

        String probe = SlotKeys.inSlots("probe:", FIRST, LAST, 1).get(0);
        List<ClusterNode> clients = List.of(dashboardNode, cluster.node(2));
        try (AcknowledgedWorkload workload = new AcknowledgedWorkload(clients, "g3:").start()) {
            Thread.sleep(1500);
            long acknowledgedBefore = LongStream.of(workload.writes()).sum();
            assertTrue(acknowledgedBefore > 0, "writes are acknowledged in consistent mode");
            long killed = System.nanoTime();
            cluster.kill9(1);
            long resumedMillis = Replicas.millisUntilWritable(dashboardNode, probe, killed);
            System.out.println("failover (consistent, 3 servers): writes to the dead master's slots resumed "
                    + resumedMillis + " ms after kill -9, the dead node still down; "
                    + acknowledgedBefore + " writes acknowledged before the kill");
            long acknowledgedAtResume = LongStream.of(workload.writes()).sum();
            // The probe's slot serves; a writer waiting on a slot the coordinator has not placed
            // yet (one write per slot) goes on within a request timeout (5 s) or two.
            Eventually.await(Duration.ofSeconds(10), () -> assertTrue(LongStream.of(workload.writes()).sum() > acknowledgedAtResume,
                    "writers through both nodes go on with one server of three down"));
            workload.close();
            JsonNode group = dashboardNode.admin().get("/api/groups/2").json();
            String promoted = group.get("master").asText();
            assertTrue(promoted.equals(cluster.node(2).respAddress()) || promoted.equals(cluster.node(3).respAddress()),
                    "a replica of the group is its master now: " + group);
            List<String> lost = workload.lostOrWrong(dashboardNode);
            System.out.println("failover (consistent, 3 servers): " + lost.size() + " acknowledged writes lost; "
                    + workload.staleReads().size() + " stale reads");
            assertEquals(List.of(), lost, "consistent mode loses no acknowledged write");
            assertEquals(List.of(), workload.staleReads(), "no read older than a write acknowledged before it");
        }

        cluster.restart(1);
        Replicas.awaitFollowing(master, LAST - FIRST + 1);
        Replicas.awaitCaughtUp(master);
        ClusterNode other = cluster.node(2).respAddress().equals(
                dashboardNode.admin().get("/api/groups/2").json().get("master").asText()) ? cluster.node(3) : cluster.node(2);
        Replicas.awaitCaughtUp(other);
        assertEquals(List.of(), Replicas.differingSlots(dashboardNode, master, FIRST, LAST), "the old master, back as a replica");
        assertEquals(List.of(), Replicas.differingSlots(dashboardNode, other, FIRST, LAST), "the replica not promoted");

        // What an operator sees: the group's mode, and each server's role, position and lag.
        Eventually.await(Duration.ofSeconds(30), () -> {
            AdminCliProcess.Run groups = AdminCliProcess.run(dashboardNode, "groups", "2");
            assertEquals(0, groups.exit(), groups.output());
            List<String> lines = groups.output().lines().toList();
            assertEquals(List.of("GROUP", "MODE", "EPOCH", "SLOTS", "SERVER", "ROLE", "STATE", "APPLIED", "LAG"),
                    List.of(lines.get(0).split(" +")), groups.output());
            assertEquals(4, lines.size(), groups.output());
            List<String> first = List.of(lines.get(1).split(" +"));
            assertEquals(List.of("2", "consistent"), first.subList(0, 2), groups.output());
            String masterPosition = first.get(first.size() - 2);
            for (String line : lines.subList(1, 4)) {
                List<String> fields = List.of(line.trim().split(" +"));
                assertEquals("up", fields.get(fields.size() - 3), line);
                assertEquals(masterPosition, fields.get(fields.size() - 2), "every server holds what the master does: " + line);
                assertEquals("0", fields.get(fields.size() - 1), "no lag once caught up: " + line);
            }
            assertTrue(lines.get(2).contains(" replica ") && lines.get(3).contains(" replica "), groups.output());
        });
    }
}
