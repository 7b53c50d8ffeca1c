package io.pikko.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.pikko.testing.Eventually;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/** What the tests ask of a group's replicas: are they following, caught up, equal to the master, and when did writes come back. */
final class Replicas {
    private Replicas() {}

    /**
     * Makes group {@code group} with node {@code master} as its master and slots {@code from..to}
     * (which must hold no keys), adds nodes {@code replicas} as its replicas, and waits until
     * each of them follows every one of those slots.
     */
    static void replicatedGroup(PikkoCluster cluster, int group, int master, int from, int to, int... replicas)
            throws InterruptedException {
        Topologies.giveSlots(cluster, group, master, from, to);
        for (int replica : replicas) {
            cluster.node(master).admin().addServer(group, cluster.node(replica).respAddress());
        }
        for (int replica : replicas) {
            awaitFollowing(cluster.node(replica), to - from + 1);
        }
    }

    /** Waits until {@code node} follows {@code slots} slots, each streaming its master's log. */
    static void awaitFollowing(ClusterNode node, int slots) {
        Eventually.await(Duration.ofMinutes(2), () -> {
            JsonNode status = node.admin().get("/api/node/replication").json();
            assertEquals(slots, status.get("following").size());
            for (JsonNode slot : status.get("following")) {
                assertEquals("streaming", slot.get("state").asText(), "slot " + slot.get("slot"));
            }
        });
    }

    /** Waits until {@code node} lacks no record its masters have. */
    static void awaitCaughtUp(ClusterNode node) {
        Eventually.await(Duration.ofSeconds(30), () ->
                assertEquals(0, node.admin().get("/api/node/replication").json().get("lagRecords").asLong()));
    }

    /**
     * The slots of {@code from..to} whose copy on {@code replica} differs from what the master
     * holds, as {@code SLOTSDIGEST} through {@code gateway} tells; empty when the copy is exact.
     */
    @SuppressWarnings("unchecked")
    static List<String> differingSlots(ClusterNode gateway, ClusterNode replica, int from, int to) {
        List<String> differing = new ArrayList<>();
        try (Jedis jedis = gateway.jedis()) {
            List<Object> digests = (List<Object>) jedis.sendCommand(() -> "SLOTSDIGEST".getBytes(StandardCharsets.UTF_8),
                    IntStream.rangeClosed(from, to).mapToObj(Integer::toString).toArray(String[]::new));
            for (Object entry : digests) {
                List<Object> fields = (List<Object>) entry;
                long slot = (Long) fields.get(0);
                String digest = new String((byte[]) fields.get(2), StandardCharsets.UTF_8);
                JsonNode copy = replica.admin().get("/api/node/replication/" + slot).json();
                if (!digest.equals(copy.get("digest").asText())) {
                    differing.add(slot + ": master " + digest + ", replica " + copy);
                }
            }
        }
        return differing;
    }

    /** Milliseconds from {@code killedNanos} until a write of {@code key} succeeds through {@code node} (at most 60 s). */
    static long millisUntilWritable(ClusterNode node, String key, long killedNanos) throws InterruptedException {
        long deadline = killedNanos + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Jedis jedis = node.jedis()) {
                if ("OK".equals(jedis.set(key, "after"))) {
                    return (System.nanoTime() - killedNanos) / 1_000_000;
                }
            } catch (JedisException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("no write to " + key + " succeeded within 60 s of the kill");
    }
}
