package io.pikko.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pikko.testing.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import redis.clients.jedis.Jedis;

/** Cluster layouts the tests set up through the admin API, as an operator would. */
final class Topologies {
    /** Every node refreshes its slot map and the slots move to their new master within this. */
    static final Duration HANDOFF = Duration.ofSeconds(30);

    private Topologies() {}

    /**
     * Makes group {@code group} with node {@code node} as its master and gives it slots
     * {@code from..to} (which must hold no keys), asking a different node for each step, as any
     * node answers; returns once every running node's API shows the new slot map and every running
     * node takes writes for those slots.
     */
    static void giveSlots(PikkoCluster cluster, int group, int node, int from, int to) throws InterruptedException {
        int n = cluster.size();
        cluster.node((node + 1) % n).admin().createGroup(group);
        cluster.node((node + 2) % n).admin().addServer(group, cluster.node(node).respAddress());
        assignSlots(cluster, cluster.node(node), group, from, to);
    }

    /**
     * Gives an existing group with a master the slots {@code from..to} (which must hold no keys),
     * asking node {@code asked}; returns once every running node's API shows the new slot map and
     * every running node takes writes for those slots.
     */
    static void assignSlots(PikkoCluster cluster, ClusterNode asked, int group, int from, int to) throws InterruptedException {
        asked.admin().assignSlotsOk(from, to, group);
        for (ClusterNode observer : cluster.nodes()) {
            if (observer.isAlive()) {
                Eventually.await(Duration.ofSeconds(10), () -> {
                    int[] slots = observer.admin().slots();
                    IntStream.rangeClosed(from, to).forEach(slot ->
                            assertEquals(group, slots[slot], observer + ": group of slot " + slot));
                });
            }
        }
        awaitWritable(cluster, from, to);
    }

    /**
     * Waits until every running node takes a write in each slot {@code from..to}. An assignment
     * seals its slots (writes answer TRYAGAIN) until they are handed to their new master.
     */
    static void awaitWritable(PikkoCluster cluster, int from, int to) throws InterruptedException {
        List<String> probes = SlotKeys.onePerSlot("probe:", from, to);
        for (ClusterNode node : cluster.nodes()) {
            if (node.isAlive()) {
                Eventually.await(HANDOFF, () -> {
                    try (Jedis jedis = node.jedis()) {
                        for (String key : probes) {
                            jedis.del(key); // a write that leaves nothing behind
                        }
                    }
                });
            }
        }
    }
}
