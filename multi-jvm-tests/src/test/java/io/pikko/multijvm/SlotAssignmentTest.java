package io.pikko.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.exceptions.JedisDataException;

/** Groups and slots steered through the admin HTTP API of any node; the tests run in order on one cluster. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlotAssignmentTest {
    @RegisterExtension
    static final PikkoCluster cluster = PikkoCluster.of(3);

    @Test
    @Order(1)
    void aNewClusterIsOneGroupOwningEverySlot() throws InterruptedException {
        for (ClusterNode node : cluster.nodes()) {
            // The dashboard lays this out as it first starts, which may be just after the nodes are up.
            Eventually.await(Duration.ofSeconds(10), () -> {
                assertEquals(Map.of(1, List.of(cluster.node(0).respAddress())), node.admin().groups(), node.toString());
                int[] slots = node.admin().slots();
                assertEquals(1024, slots.length);
                for (int slot = 0; slot < 1024; slot++) {
                    assertEquals(1, slots[slot], node + ": group of slot " + slot);
                }
            });
            AdminClient.Response overview = node.admin().get("/api/overview");
            assertEquals(200, overview.status(), overview.body());
        }
    }

    @Test
    @Order(2)
    void emptySlotsAssignedToANewGroupAreServedThroughEveryNode() throws Exception {
        AdminClient.Response created = cluster.node(2).admin().post("/api/groups", "{\"id\":2}");
        assertTrue(created.ok(), created.body());
        AdminClient.Response added = cluster.node(1).admin().post("/api/groups/2/servers",
                "{\"node\":\"" + cluster.node(1).respAddress() + "\"}");
        assertTrue(added.ok(), added.body());
        AdminClient.Response assigned = cluster.node(0).admin().assignSlots(512, 1023, 2);
        assertEquals(200, assigned.status(), assigned.body());

        for (ClusterNode node : cluster.nodes()) {
            assertEquals(Map.of(1, List.of(cluster.node(0).respAddress()), 2, List.of(cluster.node(1).respAddress())),
                    node.admin().groups(), node.toString());
            int[] slots = node.admin().slots();
            for (int slot = 0; slot < 1024; slot++) {
                assertEquals(slot < 512 ? 1 : 2, slots[slot], node + ": group of slot " + slot);
            }
        }
        // The answer came only once the new owner serves: no request sent right after it fails,
        // pipelined through a node that owns nothing or one at a time through the old owner.
        List<String> keys = SlotKeys.inSlots("assigned:", 512, 1023, 1000);
        List<String> failures = new ArrayList<>();
        try (Jedis jedis = cluster.node(2).jedis()) {
            for (int start = 0; start < 800; start += 16) {
                Pipeline pipeline = jedis.pipelined();
                for (String key : keys.subList(start, start + 16)) {
                    pipeline.set(key, "v-" + key);
                }
                for (Object answer : pipeline.syncAndReturnAll()) {
                    if (!"OK".equals(answer)) {
                        failures.add(String.valueOf(answer));
                    }
                }
            }
        }
        try (Jedis jedis = cluster.node(0).jedis()) {
            for (String key : keys.subList(800, keys.size())) {
                try {
                    assertEquals("OK", jedis.set(key, "v-" + key));
                } catch (JedisDataException e) {
                    failures.add(key + ": " + e.getMessage());
                }
            }
        }
        assertEquals(List.of(), failures, "requests failed right after the assignment returned");
        for (ClusterNode node : cluster.nodes()) {
            try (Jedis jedis = node.jedis()) {
                for (String key : keys) {
                    assertEquals("v-" + key, jedis.get(key), node + " GET " + key);
                }
            }
        }
    }

    @Test
    @Order(3)
    void slotsHoldingKeysAreRefusedBecauseMigrationMovesData() {
        String key = SlotKeys.inSlots("held:", 0, 511, 1).get(0);
        int slot = SlotKeys.slotOf(key);
        try (Jedis jedis = cluster.node(1).jedis()) {
            assertEquals("OK", jedis.set(key, "keeps its slot in group 1"));
        }
        AdminClient.Response refused = cluster.node(1).admin().assignSlots(slot, slot, 2);
        assertEquals(409, refused.status(), refused.body());
        assertTrue(refused.error().contains("migration"), refused.error());
        assertEquals(1, cluster.node(2).admin().slots()[slot]);
        try (Jedis jedis = cluster.node(2).jedis()) {
            assertEquals("keeps its slot in group 1", jedis.get(key));
        }
    }

    @Test
    @Order(4)
    void badRequestsAreRefusedWithAReason() {
        AdminClient admin = cluster.node(2).admin();
        assertRefused(400, admin.assignSlots(600, 100, 2));
        assertRefused(400, admin.assignSlots(0, 1024, 2));
        assertRefused(404, admin.assignSlots(100, 200, 77));
        assertRefused(409, admin.post("/api/groups", "{\"id\":2}"));
        assertRefused(400, admin.post("/api/groups", "{\"id\":0}"));
        assertRefused(400, admin.post("/api/groups", "not json"));
        assertRefused(404, admin.post("/api/groups/77/servers", "{\"node\":\"127.0.0.1:1\"}"));
        assertRefused(409, admin.post("/api/groups/2/servers", "{\"node\":\"" + cluster.node(0).respAddress() + "\"}"));
        assertRefused(400, admin.post("/api/groups/2/servers", "{\"node\":\"no port\"}"));
        // A group still owning slots cannot go.
        assertRefused(409, admin.delete("/api/groups/2"));
        assertEquals(2, admin.groups().size());
    }

    @Test
    @Order(5)
    void anEmptyGroupCanBeRemoved() {
        AdminClient admin = cluster.node(0).admin();
        admin.createGroup(3);
        assertEquals(List.of(), cluster.node(1).admin().groups().get(3));
        AdminClient.Response removed = admin.delete("/api/groups/3");
        assertTrue(removed.ok(), removed.body());
        for (ClusterNode node : cluster.nodes()) {
            assertEquals(Map.of(1, List.of(cluster.node(0).respAddress()), 2, List.of(cluster.node(1).respAddress())),
                    node.admin().groups(), node.toString());
        }
        assertRefused(404, admin.delete("/api/groups/3"));
    }

    private static void assertRefused(int status, AdminClient.Response response) {
        assertEquals(status, response.status(), response.body());
        assertTrue(!response.error().isBlank(), "an error answer says why: " + response.body());
    }
}
