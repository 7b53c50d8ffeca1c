package io.pikko.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pikko.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * A replica added to a group of one that already holds 100,000 keys of every type: it copies each
 * slot from a snapshot, then follows the log, while writes go on throughout; afterwards its copy of
 * every slot has the digest the master's has.
 */
class ReplicaCatchUpTest {
    private static final Duration CATCH_UP = Duration.ofMinutes(3);

    @RegisterExtension
    static final PikkoCluster cluster = PikkoCluster.of(2);

    @Test
    void aReplicaAddedToALoadedGroupCatchesUpAndHoldsTheSameDataSlotBySlot() throws Exception {
        // The first node starts the cluster as group 1, the master of every slot.
        Topologies.awaitWritable(cluster, 0, 1023);
        ClusterNode master = cluster.node(0);
        ClusterNode replica = cluster.node(1);
        MixedDataset dataset = new MixedDataset("catchup:", 100_000);
        assertEquals(List.of(), dataset.write(master));

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong acknowledged = new AtomicLong();
        Thread writer = new Thread(() -> {
            try (Jedis jedis = replica.jedis()) {
                for (long i = 0; writing.get(); i++) {
                    jedis.set("during:" + (i % 20_000), "v" + i);
                    jedis.hset("during:hash:" + (i % 500), "f" + (i % 37), "v" + i);
                    acknowledged.incrementAndGet();
                }
            }
        }, "writer");
        writer.start();
        master.admin().addServer(1, replica.respAddress());

        // It must be following every slot from the log while the writer is still going.
        Eventually.await(CATCH_UP, () -> {
            JsonNode status = replica.admin().get("/api/node/replication").json();
            assertEquals("replica", status.get("role").asText());
            assertEquals(1024, status.get("following").size());
            for (JsonNode slot : status.get("following")) {
                assertEquals("streaming", slot.get("state").asText(), "slot " + slot.get("slot"));
            }
        });
        long duringSync = acknowledged.get();
        Thread.sleep(1000);
        writing.set(false);
        writer.join();
        assertTrue(acknowledged.get() > duringSync, "writes went on once the replica streamed");

        Eventually.await(Duration.ofSeconds(30), () -> {
            JsonNode status = replica.admin().get("/api/node/replication").json();
            assertEquals(0, status.get("lagRecords").asLong(), "the replica has every record");
        });
        JsonNode status = replica.admin().get("/api/node/replication").json();
        long fullSyncs = 0;
        long fromLog = 0;
        for (JsonNode slot : status.get("following")) {
            fullSyncs += slot.get("fullSyncs").asLong();
            fromLog += slot.get("recordsApplied").asLong();
            assertEquals(master.respAddress(), slot.get("master").asText());
        }
        assertTrue(fullSyncs >= 1024, "every slot was copied from a snapshot first: " + fullSyncs);
        assertTrue(fromLog > 0, "and then from the log: " + fromLog);

        List<Object> digests;
        try (Jedis jedis = master.jedis()) {
            digests = (List<Object>) jedis.sendCommand(() -> "SLOTSDIGEST".getBytes(),
                    IntStream.range(0, 1024).mapToObj(Integer::toString).toArray(String[]::new));
        }
        long keys = 0;
        List<String> differing = new ArrayList<>();
        for (Object entry : digests) {
            List<Object> fields = (List<Object>) entry;
            int slot = ((Long) fields.get(0)).intValue();
            long masterKeys = (Long) fields.get(1);
            String masterDigest = new String((byte[]) fields.get(2));
            JsonNode copy = replica.admin().get("/api/node/replication/" + slot).json();
            keys += masterKeys;
            if (copy.get("keys").asLong() != masterKeys || !copy.get("digest").asText().equals(masterDigest)) {
                differing.add(slot + ": master " + masterKeys + " keys " + masterDigest + ", replica " + copy);
            }
        }
        assertEquals(List.of(), differing);
        assertTrue(keys >= 100_000, "the slots hold the data set: " + keys);

        // The sentinel's view, through any node's API: both servers hold the same positions, no lag.
        Eventually.await(Duration.ofSeconds(10), () -> {
            JsonNode members = master.admin().get("/api/groups/1").json().get("members");
            JsonNode first = members.get(0);
            JsonNode second = members.get(1);
            assertEquals(List.of(master.respAddress(), replica.respAddress()),
                    List.of(first.get("node").asText(), second.get("node").asText()));
            assertTrue(first.get("applied").asLong() >= 1024, "every slot of the master has records in its log: " + first);
            assertEquals(first.get("applied").asLong(), second.get("applied").asLong(), members.toString());
            assertEquals(0, second.get("lag").asLong(), members.toString());
        });

        String replicaMetrics = replica.admin().get("/metrics").body();
        assertTrue(replicaMetrics.contains("\npikko_replication_followed_slots 1024.0\n"), replicaMetrics);
        assertTrue(replicaMetrics.contains("\npikko_replication_lag_records 0.0\n"), replicaMetrics);
        String masterMetrics = master.admin().get("/metrics").body();
        assertTrue(masterMetrics.contains("\npikko_replication_replicas 1.0\n"), masterMetrics);

        try (Jedis jedis = replica.jedis()) {
            String info = jedis.info("replication");
            assertTrue(info.contains("role:slave"), info);
            assertTrue(info.contains("master_port:" + master.respPort()), info);
            assertTrue(info.contains("master_link_status:up"), info);
            List<Object> role = (List<Object>) jedis.sendCommand(() -> "ROLE".getBytes());
            assertEquals(List.of("slave", "127.0.0.1", (long) master.respPort(), "connected"),
                    List.of(new String((byte[]) role.get(0)), new String((byte[]) role.get(1)), role.get(2),
                            new String((byte[]) role.get(3))));
        }
        try (Jedis jedis = master.jedis()) {
            String info = jedis.info("replication");
            assertTrue(info.contains("role:master"), info);
            assertTrue(info.contains("connected_slaves:1"), info);
            assertTrue(info.contains("slave0:ip=127.0.0.1,port=" + replica.respPort() + ",state=online"), info);
            List<Object> role = (List<Object>) jedis.sendCommand(() -> "ROLE".getBytes());
            assertEquals("master", new String((byte[]) role.get(0)));
            List<Object> replicas = (List<Object>) role.get(2);
            assertEquals(1, replicas.size(), role.toString());
            assertEquals(Integer.toString(replica.respPort()), new String((byte[]) ((List<Object>) replicas.get(0)).get(1)));
        }

        // WAIT, through the replica's gateway: the writes, in several slots, reach the one replica;
        // asking for two waits out its timeout and still counts one.
        try (Jedis jedis = replica.jedis()) {
            for (int i = 0; i < 50; i++) {
                jedis.set("wait:" + i, "v" + i);
            }
            assertEquals(1L, jedis.sendCommand(() -> "WAIT".getBytes(), "1", "5000"));
            long started = System.nanoTime();
            assertEquals(1L, jedis.sendCommand(() -> "WAIT".getBytes(), "2", "500"));
            assertTrue(System.nanoTime() - started >= 490_000_000L, "WAIT 2 returned before its timeout");
        }
    }
}
