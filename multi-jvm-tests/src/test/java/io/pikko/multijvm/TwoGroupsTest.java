package io.pikko.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Three nodes, two groups: group 1 (node 0) owns slots 0..511 and group 2 (node 1) owns 512..1023.
 * A client may use any node for any key.
 */
class TwoGroupsTest {
    @RegisterExtension
    static final PikkoCluster cluster = PikkoCluster.of(3);

    @BeforeAll
    static void twoGroups() throws InterruptedException {
        Topologies.giveSlots(cluster, 2, 1, 512, 1023);
    }

    @Test
    void everyNodeShowsTheSameTwoGroups() {
        for (ClusterNode node : cluster.nodes()) {
            AdminClient admin = node.admin();
            assertEquals(Map.of(1, List.of(cluster.node(0).respAddress()), 2, List.of(cluster.node(1).respAddress())),
                    admin.groups(), node.toString());
            int[] slots = admin.slots();
            assertEquals(1024, slots.length);
            for (int slot = 0; slot < 1024; slot++) {
                assertEquals(slot < 512 ? 1 : 2, slots[slot], node + ": group of slot " + slot);
            }
        }
    }

    @Test
    void dataWrittenThroughEachNodeIsReadThroughEveryOther() {
        Map<String, String> written = new LinkedHashMap<>();
        for (ClusterNode writer : cluster.nodes()) {
            List<String> keys = new ArrayList<>(SlotKeys.inSlots("via" + writer.index() + ":g1:", 0, 511, 25));
            keys.addAll(SlotKeys.inSlots("via" + writer.index() + ":g2:", 512, 1023, 25));
            try (Jedis jedis = writer.jedis()) {
                for (String key : keys) {
                    String value = "written through node " + writer.index() + " to " + key;
                    assertEquals("OK", jedis.set(key, value), writer + " SET " + key);
                    written.put(key, value);
                }
                String hash = SlotKeys.inSlots("via" + writer.index() + ":hash:", 512, 1023, 1).get(0);
                jedis.hset(hash, Map.of("a", "1", "b", "2"));
                written.put(hash, null);
            }
        }
        for (ClusterNode reader : cluster.nodes()) {
            try (Jedis jedis = reader.jedis()) {
                List<String> keys = new ArrayList<>();
                List<String> values = new ArrayList<>();
                written.forEach((key, value) -> {
                    if (value == null) {
                        assertEquals(Map.of("a", "1", "b", "2"), jedis.hgetAll(key), reader + " HGETALL " + key);
                    } else {
                        assertEquals(value, jedis.get(key), reader + " GET " + key);
                        keys.add(key);
                        values.add(value);
                    }
                });
                // One MGET over both groups' slots: split by slot, run on both masters, merged in order.
                assertEquals(values, jedis.mget(keys.toArray(new String[0])), reader + " MGET");
                assertEquals(keys.size(), jedis.exists(keys.toArray(new String[0])), reader + " EXISTS");
            }
        }
    }

    @Test
    void multiKeyWritesAcrossGroupsLandInBoth() {
        String inGroup1 = SlotKeys.inSlots("mset:", 0, 511, 1).get(0);
        String inGroup2 = SlotKeys.inSlots("mset:", 512, 1023, 1).get(0);
        try (Jedis jedis = cluster.node(2).jedis()) {
            assertEquals("OK", jedis.mset(inGroup1, "one", inGroup2, "two"));
        }
        for (ClusterNode reader : cluster.nodes()) {
            try (Jedis jedis = reader.jedis()) {
                assertEquals(List.of("one", "two"), jedis.mget(inGroup1, inGroup2), reader.toString());
            }
        }
        try (Jedis jedis = cluster.node(0).jedis()) {
            assertEquals(2, jedis.del(inGroup1, inGroup2));
        }
        try (Jedis jedis = cluster.node(1).jedis()) {
            assertEquals(0, jedis.exists(inGroup1, inGroup2));
        }
    }

    @Test
    void aTransactionRunsThroughANodeThatDoesNotOwnItsSlot() {
        // Slot 512..1023 belongs to node 1; the transaction goes through node 0, the watch is broken through node 2.
        String key = SlotKeys.inSlots("tx:", 512, 1023, 1).get(0);
        String counter = "{" + key + "}counter";
        try (Jedis client = cluster.node(0).jedis(); Jedis other = cluster.node(2).jedis()) {
            client.set(key, "0");
            client.watch(key);
            Transaction multi = client.multi();
            multi.incr(key);
            multi.incr(counter);
            multi.get(key);
            assertEquals(List.of(1L, 1L, "1"), multi.exec());

            client.watch(key);
            assertEquals("OK", other.set(key, "changed elsewhere"));
            Transaction broken = client.multi();
            broken.set(key, "mine");
            assertNull(broken.exec(), "a write through another node breaks the watch");
            assertEquals("changed elsewhere", client.get(key));

            String inGroup1 = SlotKeys.inSlots("tx:", 0, 511, 1).get(0);
            Transaction crossing = client.multi();
            crossing.set(key, "a");
            crossing.set(inGroup1, "b");
            JedisDataException error = assertThrows(JedisDataException.class, crossing::exec);
            assertEquals("CROSSSLOT Keys in request don't hash to the same slot", error.getMessage());
            assertEquals("changed elsewhere", other.get(key));
            assertNull(other.get(inGroup1), "nothing of a CROSSSLOT transaction runs");
        }
    }
}
