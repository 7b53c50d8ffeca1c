package io.pikko.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pikko.admin.HttpCalls.Answer;
import io.pikko.protocol.SlotHash;
import io.pikko.testing.Eventually;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin API over real HTTP against a one-node cluster running the real dashboard singleton. */
class AdminApiTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static final String SELF = "127.0.0.1:9221";

    private static AdminTestNode node;
    private static HttpCalls api;

    @BeforeAll
    static void start() throws Exception {
        node = AdminTestNode.lone(SELF, "");
        api = new HttpCalls(node.url(), "");
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    @Test
    void groupsAreCreatedListedAndRemoved() {
        Answer created = api.post("/api/groups", "{\"id\":2}");
        assertEquals(201, created.status(), created.body());
        assertEquals("{\"id\":2,\"servers\":[],\"master\":null,\"epoch\":0,\"mode\":\"async\",\"slots\":0,\"members\":[]}", created.body());

        Answer duplicate = api.post("/api/groups", "{\"id\":2}");
        assertEquals(409, duplicate.status());
        assertEquals("{\"error\":\"group 2 already exists\"}", duplicate.body());

        assertTrue(groupIds().containsAll(List.of(1, 2)), groupIds().toString());
        JsonNode first = api.get("/api/groups").json().get(0);
        assertEquals(1, first.get("id").asInt());
        assertEquals(SELF, first.get("master").asText());
        assertEquals(node.topology().slotCount(1), first.get("slots").asInt());

        assertEquals(204, api.delete("/api/groups/2").status());
        assertFalse(groupIds().contains(2));
        Answer again = api.delete("/api/groups/2");
        assertEquals(404, again.status());
        assertEquals("{\"error\":\"no group 2\"}", again.body());
    }

    @Test
    void eachServerOfAGroupHasItsRoleAndState() {
        // No member of the cluster answers to this address: a replica that is down.
        Answer added = api.post("/api/groups/1/servers", "{\"node\":\"127.0.0.1:9299\"}");
        try {
            assertEquals(200, added.status(), added.body());
            String members = "[{\"node\":\"" + SELF + "\",\"role\":\"master\",\"state\":\"up\"},"
                    + "{\"node\":\"127.0.0.1:9299\",\"role\":\"replica\",\"state\":\"down\"}]";
            assertEquals(members, added.json().get("members").toString(), "no position or lag before a probe was answered");

            Answer one = api.get("/api/groups/1");
            assertEquals(200, one.status(), one.body());
            assertEquals("{\"id\":1,\"servers\":[\"" + SELF + "\",\"127.0.0.1:9299\"],\"master\":\"" + SELF
                    + "\",\"epoch\":1,\"mode\":\"async\",\"slots\":" + node.topology().slotCount(1) + ",\"members\":" + members + "}", one.body());
            assertEquals(one.json(), api.get("/api/groups").json().get(0), "the list shows each group as GET /api/groups/{id} does");
        } finally {
            assertEquals(200, api.delete("/api/groups/1/servers/127.0.0.1:9299").status());
        }

        // A master that is not running is down too.
        assertEquals(201, api.post("/api/groups", "{\"id\":6}").status());
        Answer lone = api.post("/api/groups/6/servers", "{\"node\":\"127.0.0.1:9298\"}");
        assertEquals("[{\"node\":\"127.0.0.1:9298\",\"role\":\"master\",\"state\":\"down\"}]",
                lone.json().get("members").toString());
        assertEquals(200, api.delete("/api/groups/6/servers/127.0.0.1:9298").status());
        assertEquals(204, api.delete("/api/groups/6").status());

        Answer missing = api.get("/api/groups/77");
        assertEquals(404, missing.status());
        assertEquals("{\"error\":\"no group 77\"}", missing.body());
    }

    @Test
    void aGroupThatOwnsSlotsStays() {
        Answer refused = api.delete("/api/groups/1");
        assertEquals(409, refused.status());
        assertTrue(refused.json().get("error").asText().contains("slots"), refused.body());
        assertTrue(groupIds().contains(1));
    }

    @Test
    void serversJoinAndLeaveAGroup() {
        assertEquals(201, api.post("/api/groups", "{\"id\":3}").status());
        Answer added = api.post("/api/groups/3/servers", "{\"node\":\"127.0.0.1:9222\"}");
        assertEquals(200, added.status(), added.body());
        assertEquals("127.0.0.1:9222", added.json().get("master").asText());
        assertEquals(1, added.json().get("epoch").asInt());

        Answer second = api.post("/api/groups/3/servers", "{\"node\":\"127.0.0.1:9223\"}");
        assertEquals("[\"127.0.0.1:9222\",\"127.0.0.1:9223\"]", second.json().get("servers").toString());

        Answer twice = api.post("/api/groups/3/servers", "{\"node\":\"127.0.0.1:9223\"}");
        assertEquals(409, twice.status());
        assertEquals("127.0.0.1:9223 is already in group 3", twice.json().get("error").asText());

        Answer badName = api.post("/api/groups/3/servers", "{\"node\":\"not a node\"}");
        assertEquals(400, badName.status());
        assertTrue(badName.json().get("error").asText().contains("host:port"), badName.body());

        Answer noGroup = api.post("/api/groups/77/servers", "{\"node\":\"127.0.0.1:9230\"}");
        assertEquals(404, noGroup.status());
        assertEquals("{\"error\":\"no group 77\"}", noGroup.body());

        // The node in the path, once plain and once percent-encoded.
        Answer removed = api.delete("/api/groups/3/servers/127.0.0.1:9222");
        assertEquals(200, removed.status(), removed.body());
        assertEquals("[\"127.0.0.1:9223\"]", removed.json().get("servers").toString());
        assertEquals(2, removed.json().get("epoch").asInt(), "the master changed");
        assertEquals(200, api.delete("/api/groups/3/servers/127.0.0.1%3A9223").status());
        Answer notThere = api.delete("/api/groups/3/servers/127.0.0.1:9223");
        assertEquals(404, notThere.status());

        assertEquals(204, api.delete("/api/groups/3").status());
    }

    @Test
    void malformedBodiesAreRefusedWithTheShapeExpected() {
        for (String body : List.of("", "not json", "{}", "{\"id\":\"two\"}", "{\"id\":2.5}", "[2]")) {
            Answer answer = api.post("/api/groups", body);
            assertEquals(400, answer.status(), body);
            assertEquals("the body must be JSON like {\"id\":2}", answer.json().get("error").asText(), body);
        }
        Answer node = api.post("/api/groups/1/servers", "{\"node\":9222}");
        assertEquals(400, node.status());
        assertEquals("the body must be JSON like {\"node\":\"127.0.0.1:9222\"}", node.json().get("error").asText());
        Answer range = api.post("/api/slots/assign", "{\"from\":0,\"to\":10}");
        assertEquals(400, range.status());
        assertEquals("the body must be JSON like {\"from\":512,\"to\":1023,\"group\":2}", range.json().get("error").asText());
        Answer outOfRange = api.post("/api/groups", "{\"id\":0}");
        assertEquals(400, outOfRange.status());
        assertTrue(outOfRange.json().get("error").asText().contains("between 1 and"), outOfRange.body());
    }

    @Test
    void promotionsAndModeChangesThatCannotBeGetAClearRefusal() {
        assertEquals(201, api.post("/api/groups", "{\"id\":8}").status());
        assertEquals(200, api.post("/api/groups/8/servers", "{\"node\":\"127.0.0.1:9231\"}").status());
        assertEquals(200, api.post("/api/groups/8/servers", "{\"node\":\"127.0.0.1:9232\"}").status());
        try {
            assertError(404, "no group 84", api.post("/api/groups/84/promote", "{\"node\":\"127.0.0.1:9232\"}"));
            assertError(400, "127.0.0.1:9299 is not a server of group 8",
                    api.post("/api/groups/8/promote", "{\"node\":\"127.0.0.1:9299\"}"));
            assertError(409, "127.0.0.1:9231 is already the master of group 8",
                    api.post("/api/groups/8/promote", "{\"node\":\"127.0.0.1:9231\"}"));
            assertError(409, "did not answer the sentinel's last probes",
                    api.post("/api/groups/8/promote", "{\"node\":\"127.0.0.1:9232\"}"));
            Answer malformed = api.post("/api/groups/8/promote", "{\"node\":9232}");
            assertEquals(400, malformed.status(), malformed.body());
            assertTrue(malformed.json().get("error").asText().startsWith("the body must be JSON like"), malformed.body());
            assertError(400, "mode must be \"async\" or \"consistent\"", api.put("/api/groups/8", "{\"mode\":\"sync\"}"));

            Answer consistent = api.put("/api/groups/8", "{\"mode\":\"consistent\"}");
            assertEquals(200, consistent.status(), consistent.body());
            assertEquals("consistent", consistent.json().get("mode").asText());
            Answer forced = api.post("/api/groups/8/promote", "{\"node\":\"127.0.0.1:9232\",\"force\":true}");
            assertEquals(200, forced.status(), forced.body());
            assertEquals("127.0.0.1:9232", forced.json().get("master").asText());
            assertEquals(2, forced.json().get("epoch").asLong());
            assertEquals("127.0.0.1:9231", forced.json().get("lastFailover").get("from").asText());
            assertTrue(forced.json().get("lastFailover").get("manual").asBoolean(), forced.body());
        } finally {
            api.delete("/api/groups/8/servers/127.0.0.1:9231");
            api.delete("/api/groups/8/servers/127.0.0.1:9232");
            api.delete("/api/groups/8");
        }
    }

    private static void assertError(int status, String says, Answer answer) {
        assertEquals(status, answer.status(), answer.body());
        assertTrue(answer.json().get("error").asText().contains(says), answer.body());
    }

    @Test
    void slotsAreListedWithTheirGroup() {
        Answer slots = api.get("/api/slots");
        assertEquals(200, slots.status());
        assertTrue(slots.contentType().startsWith("application/json"), slots.contentType());
        JsonNode all = slots.json();
        assertEquals(SlotHash.SLOTS, all.size());
        assertEquals("{\"id\":0,\"group\":1,\"action\":null}", all.get(0).toString());
        int[] expected = node.topology().slotGroups();
        for (int slot = 0; slot < SlotHash.SLOTS; slot++) {
            assertEquals(slot, all.get(slot).get("id").asInt());
            assertEquals(expected[slot], all.get(slot).get("group").asInt());
        }
    }

    @Test
    void emptySlotsAreAssignedButSlotsWithKeysAreNot() throws Exception {
        try (AdminTestNode master = AdminTestNode.joining("127.0.0.1:9224", node)) {
            emptySlotsAreAssignedToARunningMaster();
        }
    }

    private void emptySlotsAreAssignedToARunningMaster() {
        assertEquals(201, api.post("/api/groups", "{\"id\":4}").status());
        assertEquals(200, api.post("/api/groups/4/servers", "{\"node\":\"127.0.0.1:9224\"}").status());

        node.set("assign-me", "v");
        int full = SlotHash.slotOf("assign-me".getBytes(StandardCharsets.UTF_8));
        Answer refused = api.post("/api/slots/assign", "{\"from\":" + full + ",\"to\":" + full + ",\"group\":4}");
        assertEquals(409, refused.status(), refused.body());
        assertTrue(refused.json().get("error").asText().contains("migration moves data"), refused.body());
        assertEquals(1, node.topology().groupOf(full));

        int empty = SlotHash.SLOTS - 1;
        while (node.keysIn(empty) > 0) {
            empty--;
        }
        Answer assigned = api.post("/api/slots/assign", "{\"from\":" + empty + ",\"to\":" + empty + ",\"group\":4}");
        assertEquals(200, assigned.status(), assigned.body());
        assertEquals(4, assigned.json().get("id").asInt());
        assertEquals(1, assigned.json().get("slots").asInt());
        assertEquals(4, api.get("/api/slots").json().get(empty).get("group").asInt());

        Answer noGroup = api.post("/api/slots/assign", "{\"from\":0,\"to\":1,\"group\":99}");
        assertEquals(404, noGroup.status(), noGroup.body());
        Answer badRange = api.post("/api/slots/assign", "{\"from\":10,\"to\":1024,\"group\":4}");
        assertEquals(400, badRange.status(), badRange.body());

        // A master that is not running cannot drop what it may still hold of the slots: refused.
        assertEquals(201, api.post("/api/groups", "{\"id\":5}").status());
        assertEquals(200, api.post("/api/groups/5/servers", "{\"node\":\"127.0.0.1:9225\"}").status());
        Answer down = api.post("/api/slots/assign", "{\"from\":" + empty + ",\"to\":" + empty + ",\"group\":5}");
        assertEquals(503, down.status(), down.body());
        assertTrue(down.json().get("error").asText().contains("127.0.0.1:9225 is not up"), down.body());
        assertEquals(4, api.get("/api/slots").json().get(empty).get("group").asInt());
    }

    @Test
    void unknownResourcesAndMethodsAnswerJsonErrors() {
        for (String path : List.of("/api/nope", "/nope", "/api/groups/abc", "/api/groups/1/servers/a/b")) {
            Answer missing = api.get(path);
            assertEquals(404, missing.status(), path);
            assertEquals("{\"error\":\"no such resource\"}", missing.body(), path);
        }
        Answer wrongMethod = api.put("/api/groups", "{\"id\":5}");
        assertEquals(405, wrongMethod.status(), wrongMethod.body());
        assertTrue(wrongMethod.contentType().startsWith("application/json"), wrongMethod.contentType());
        assertFalse(wrongMethod.json().get("error").asText().isEmpty());
        assertEquals("{\"status\":\"up\"}", api.get("/health").body());
    }

    @Test
    void aTokenGuardsChangesButNotReads() {
        String guarded = node.addAdminEndpoint("s3cret");
        HttpCalls anonymous = new HttpCalls(guarded, "");
        Answer refused = anonymous.post("/api/groups", "{\"id\":6}");
        assertEquals(401, refused.status());
        assertTrue(refused.json().get("error").asText().contains("Authorization: Bearer"), refused.body());
        assertEquals(401, anonymous.delete("/api/groups/1").status());
        assertEquals(401, new HttpCalls(guarded, "wrong").post("/api/groups", "{\"id\":6}").status());
        assertFalse(groupIds().contains(6));
        assertEquals(200, anonymous.get("/api/groups").status(), "reads need no token");

        HttpCalls owner = new HttpCalls(guarded, "s3cret");
        assertEquals(201, owner.post("/api/groups", "{\"id\":6}").status());
        assertEquals(204, owner.delete("/api/groups/6").status());

        // The page asks /api/access whether to ask for the token, and checks the one it is given there.
        assertEquals("{\"tokenRequired\":true,\"authorized\":false}", anonymous.get("/api/access").body());
        assertEquals(401, new HttpCalls(guarded, "wrong").post("/api/access", "").status());
        assertEquals("{\"tokenRequired\":true,\"authorized\":true}", owner.post("/api/access", "").body());
        assertEquals("{\"tokenRequired\":false,\"authorized\":false}", api.get("/api/access").body());
    }

    @Test
    void aDashboardThatDoesNotAnswerGives503() {
        HttpCalls cut = new HttpCalls(node.addEndpointWithSilentDashboard(), "");
        Answer read = cut.get("/api/groups");
        assertEquals(503, read.status());
        assertTrue(read.json().get("error").asText().startsWith("dashboard not reachable: "), read.body());
        Answer change = cut.post("/api/groups", "{\"id\":7}");
        assertEquals(503, change.status());
        assertTrue(change.json().get("error").asText().startsWith("dashboard not reachable: "), change.body());
    }

    @Test
    void theNodeReportsItsOwnFigures() {
        node.clients.set(3);
        long before = api.get("/api/node").json().get("commandsProcessed").asLong();
        node.commands.addAndGet(5000);
        JsonNode report = api.get("/api/node").json();
        assertEquals(SELF, report.get("resp").asText());
        assertEquals(before + 5000, report.get("commandsProcessed").asLong());
        assertEquals(3, report.get("clients").asLong());

        JsonNode footprint = report.get("footprint");
        assertTrue(footprint.get("heapUsedBytes").asLong() > 0, report.toString());
        assertTrue(footprint.get("heapMaxBytes").asLong() >= footprint.get("heapUsedBytes").asLong(), report.toString());
        assertTrue(footprint.get("memtableBytes").asLong() > 0, "RocksDB's empty memtables take some room: " + report);
        assertTrue(footprint.get("sstBytes").asLong() >= 0, report.toString());
        assertTrue(footprint.get("dataDirBytes").asLong() >= footprint.get("sstBytes").asLong(), report.toString());

        // Sampled once a second: the burst shows as a rate, then the rate falls back to nothing.
        Eventually.await(WAIT, "the burst shows as a rate", () -> api.get("/api/node").json().get("opsPerSec").asDouble() > 1000);
        Eventually.await(WAIT, "the rate falls back to nothing", () -> api.get("/api/node").json().get("opsPerSec").asDouble() == 0);
    }

    @Test
    void nodesListThisMember() {
        JsonNode nodes = api.get("/api/nodes").json();
        assertEquals(1, nodes.size());
        JsonNode self = nodes.get(0);
        assertEquals(SELF, self.get("resp").asText());
        assertEquals(node.url(), "http://" + self.get("admin").asText());
        assertEquals(node.clusterAddress().toString(), self.get("cluster").asText());
        assertEquals("up", self.get("status").asText());
        assertTrue(self.get("dashboard").asBoolean());
        assertTrue(self.get("self").asBoolean());
        List<String> roles = new ArrayList<>();
        self.get("roles").forEach(r -> roles.add(r.asText()));
        assertTrue(roles.contains("resp:" + SELF), roles.toString());
    }

    @Test
    void theOverviewCountsKeysPerGroup() {
        for (int i = 0; i < 10; i++) {
            node.set("overview-" + i, "v");
        }
        long expected = 0;
        for (int slot = 0; slot < SlotHash.SLOTS; slot++) {
            if (node.topology().groupOf(slot) == 1) {
                expected += node.keysIn(slot);
            }
        }
        Answer overview = api.get("/api/overview");
        assertEquals(200, overview.status(), overview.body());
        JsonNode body = overview.json();
        JsonNode self = body.get("nodes").get(0);
        assertEquals(SELF, self.get("resp").asText());
        assertTrue(self.get("opsPerSec").isNumber(), overview.body());
        JsonNode group1 = body.get("groups").get(0);
        assertEquals(1, group1.get("id").asInt());
        assertEquals(node.topology().slotCount(1), group1.get("slots").asInt());
        assertTrue(expected >= 10);
        assertEquals(expected, group1.get("keys").asLong(), overview.body());
        assertEquals(0, body.get("unassignedSlots").asInt());
    }


    @Test
    void theSlotLoadShowsWhichSlotsCarryTheLoad() {
        node.set("load-key", "v");
        int hot = SlotHash.slotOf("load-key".getBytes(StandardCharsets.UTF_8));
        JsonNode[] seen = new JsonNode[1];
        // 10,000 commands a second to the slot while the test looks: the node's rates cover the last second only.
        ScheduledExecutorService counter = Executors.newSingleThreadScheduledExecutor();
        counter.scheduleAtFixedRate(() -> node.slotCommands.addAndGet(hot, 100), 0, 10, TimeUnit.MILLISECONDS);
        try {
            Eventually.await(Duration.ofSeconds(20), "the commands show in their slot", () -> {
                seen[0] = api.get("/api/slots/load").json();
                return seen[0].get("opsPerSec").get(hot).asDouble() > 1000;
            });
        } finally {
            counter.shutdownNow();
        }
        JsonNode load = seen[0];
        assertEquals(SlotHash.SLOTS, load.get("opsPerSec").size());
        for (int slot = 0; slot < SlotHash.SLOTS; slot++) {
            if (slot != hot) {
                assertEquals(0, load.get("opsPerSec").get(slot).asDouble(), "slot " + slot);
            }
        }
        assertEquals(SlotHash.SLOTS, load.get("keys").size());
        assertEquals(node.keysIn(hot), load.get("keys").get(hot).asLong());
        assertEquals(1, load.get("nodes").asInt());
        assertEquals(1, load.get("nodesCounted").asInt());
        Eventually.await(WAIT, "the slot's rate falls back to nothing",
                () -> api.get("/api/node/slots").json().get("opsPerSec").get(hot).asDouble() == 0);
    }

    private static List<Integer> groupIds() {
        List<Integer> ids = new ArrayList<>();
        api.get("/api/groups").json().forEach(g -> ids.add(g.get("id").asInt()));
        return ids;
    }
}
