package io.pikko.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pikko.admin.HttpCalls.Answer;
import io.pikko.dashboard.ActionProgress;
import io.pikko.dashboard.ActionSettings;
import io.pikko.dashboard.Dashboard;
import io.pikko.dashboard.SlotMove;
import io.pikko.dashboard.Topology;
import io.pikko.protocol.SlotHash;
import io.pikko.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The slot migration calls over real HTTP, against a one-node cluster with the real dashboard.
 * Group 2's only server does not exist, so its moves start, fail to find their target and go
 * back to pending to be tried again: never past cutover, which lets every test drop its actions.
 */
class AdminActionsApiTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final String SELF = "127.0.0.1:9231";
    private static final String NOWHERE = "127.0.0.1:1";
    private static final Set<String> BEFORE_CUTOVER = Set.of("pending", "preparing", "migrating");
    private static final String DEFAULT_SETTINGS =
            "{\"disabled\":false,\"parallel\":1,\"max_keys_per_sec\":0,\"max_bytes_per_sec\":0}";

    private static AdminTestNode node;
    private static HttpCalls api;

    @BeforeAll
    static void start() throws Exception {
        node = AdminTestNode.lone(SELF, "");
        api = new HttpCalls(node.url(), "");
        assertEquals(201, api.post("/api/groups", "{\"id\":2}").status());
        assertEquals(200, api.post("/api/groups/2/servers", "{\"node\":\"" + NOWHERE + "\"}").status());
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    /** Each test starts with no actions and the default settings. */
    @AfterEach
    void dropActions() {
        for (JsonNode action : api.get("/api/actions").json().get("actions")) {
            Answer removed = api.delete("/api/actions/" + action.get("slot").asInt());
            assertEquals(200, removed.status(), removed.body());
        }
        assertEquals(200, api.put("/api/actions/settings", DEFAULT_SETTINGS).status());
    }

    @Test
    void slotsMigrateAsActionsListedInIndexOrder() {
        assertEquals("{\"settings\":" + DEFAULT_SETTINGS + ",\"actions\":[]}", api.get("/api/actions").body());

        Answer migrate = api.post("/api/slots/migrate", "{\"from\":0,\"to\":3,\"group\":2}");
        assertEquals(200, migrate.status(), migrate.body());
        JsonNode planned = migrate.json();
        assertEquals(DEFAULT_SETTINGS, planned.get("settings").toString());
        assertEquals(List.of(0, 1, 2, 3), slots(planned));

        JsonNode listed = api.get("/api/actions").json();
        assertEquals(List.of(0, 1, 2, 3), slots(listed));
        long previous = 0;
        for (JsonNode action : listed.get("actions")) {
            assertEquals(Set.of("slot", "index", "from", "to", "state", "progress"), fields(action), action.toString());
            assertTrue(action.get("index").asLong() > previous, "index order: " + listed);
            previous = action.get("index").asLong();
            assertEquals(1, action.get("from").asInt());
            assertEquals(2, action.get("to").asInt());
            assertTrue(BEFORE_CUTOVER.contains(action.get("state").asText()), action.toString());
            assertTrue(action.get("progress").isNull(), "a move that never reached its target reports nothing: " + action);
        }
        assertEquals(1, node.topology().groupOf(0), "the slots stay with their source until cutover");

        // The dashboard starts the first move (one per group pair at a time); it then looks for its target in vain.
        Eventually.await(WAIT, "the first move is preparing",
                () -> "preparing".equals(api.get("/api/actions").json().get("actions").get(0).get("state").asText()));
        long running = 0;
        for (JsonNode action : api.get("/api/actions").json().get("actions")) {
            running += action.get("state").asText().equals("pending") ? 0 : 1;
        }
        assertEquals(1, running, api.get("/api/actions").body());

        Answer again = api.post("/api/slots/migrate", "{\"from\":0,\"to\":3,\"group\":2}");
        assertEquals(200, again.status(), again.body());
        assertEquals(List.of(0, 1, 2, 3), slots(again.json()), "asking twice plans nothing more");
    }

    @Test
    void migrationsTheDashboardRefusesKeepItsStatus() {
        for (String body : List.of("", "{}", "{\"from\":0,\"to\":3}", "{\"from\":\"0\",\"to\":3,\"group\":2}")) {
            Answer answer = api.post("/api/slots/migrate", body);
            assertEquals(400, answer.status(), body);
            assertEquals("the body must be JSON like {\"from\":512,\"to\":1023,\"group\":2}",
                    answer.json().get("error").asText(), body);
        }
        Answer badRange = api.post("/api/slots/migrate", "{\"from\":5,\"to\":1024,\"group\":2}");
        assertEquals(400, badRange.status(), badRange.body());
        Answer noGroup = api.post("/api/slots/migrate", "{\"from\":0,\"to\":3,\"group\":42}");
        assertEquals(404, noGroup.status(), noGroup.body());
        assertEquals("no group 42", noGroup.json().get("error").asText());
        assertEquals(201, api.post("/api/groups", "{\"id\":3}").status());
        Answer empty = api.post("/api/slots/migrate", "{\"from\":0,\"to\":3,\"group\":3}");
        assertEquals(409, empty.status(), empty.body());
        assertTrue(empty.json().get("error").asText().contains("no servers"), empty.body());
        assertEquals(204, api.delete("/api/groups/3").status());
        assertEquals("[]", api.get("/api/actions").json().get("actions").toString());
    }

    @Test
    void anActionIsRemovedAndASlotWithoutOneIs404() {
        assertEquals(200, api.post("/api/slots/migrate", "{\"from\":10,\"to\":12,\"group\":2}").status());

        Answer removed = api.delete("/api/actions/11");
        assertEquals(200, removed.status(), removed.body());
        assertEquals(List.of(10, 12), slots(removed.json()));
        assertEquals(List.of(10, 12), slots(api.get("/api/actions").json()));
        assertEquals(1, node.topology().groupOf(11), "a cancelled slot stays with its source");

        Answer gone = api.delete("/api/actions/11");
        assertEquals(404, gone.status(), gone.body());
        assertEquals("{\"error\":\"slot 11 has no action\"}", gone.body());
        assertEquals(404, api.delete("/api/actions/500").status());
        assertEquals(400, api.delete("/api/actions/1024").status());
        assertEquals(404, api.delete("/api/actions/eleven").status());
    }

    /**
     * Two operators changing different fields at the same moment both keep their change: the
     * dashboard applies each change to the settings it holds, not to what the API read earlier.
     */
    @Test
    void concurrentChangesOfDifferentFieldsBothHold() {
        for (int round = 1; round <= 20; round++) {
            String pause = "{\"disabled\":true}";
            String throttle = "{\"max_keys_per_sec\":" + round + "}";
            CompletableFuture<Answer> first = CompletableFuture.supplyAsync(() -> api.put("/api/actions/settings", pause));
            CompletableFuture<Answer> second = CompletableFuture.supplyAsync(() -> api.put("/api/actions/settings", throttle));
            assertEquals(200, first.join().status(), first.join().body());
            assertEquals(200, second.join().status(), second.join().body());
            assertEquals("{\"disabled\":true,\"parallel\":1,\"max_keys_per_sec\":" + round + ",\"max_bytes_per_sec\":0}",
                    api.get("/api/actions").json().get("settings").toString(), "round " + round);
            assertEquals(200, api.put("/api/actions/settings", DEFAULT_SETTINGS).status());
        }
    }

    @Test
    void settingsChangeFieldByFieldAndBadValuesAre400() {
        Answer paused = api.put("/api/actions/settings", "{\"disabled\":true,\"max_keys_per_sec\":50000}");
        assertEquals(200, paused.status(), paused.body());
        String expected = "{\"disabled\":true,\"parallel\":1,\"max_keys_per_sec\":50000,\"max_bytes_per_sec\":0}";
        assertEquals(expected, paused.json().get("settings").toString());
        assertEquals(expected, api.get("/api/actions").json().get("settings").toString());

        Answer more = api.put("/api/actions/settings", "{\"parallel\":4,\"max_bytes_per_sec\":1048576}");
        assertEquals(200, more.status(), more.body());
        assertEquals("{\"disabled\":true,\"parallel\":4,\"max_keys_per_sec\":50000,\"max_bytes_per_sec\":1048576}",
                api.get("/api/actions").json().get("settings").toString(), "fields left out keep their values");

        // Paused, nothing starts: the new actions stay pending.
        assertEquals(200, api.post("/api/slots/migrate", "{\"from\":20,\"to\":21,\"group\":2}").status());
        AdminTestNode.sleep(1500);
        for (JsonNode action : api.get("/api/actions").json().get("actions")) {
            assertEquals("pending", action.get("state").asText(), action.toString());
        }

        for (String bad : List.of("{\"parallel\":0}", "{\"parallel\":-1}", "{\"max_keys_per_sec\":-1}", "{\"max_bytes_per_sec\":-5}")) {
            Answer refused = api.put("/api/actions/settings", bad);
            assertEquals(400, refused.status(), bad + " -> " + refused.body());
        }
        for (String malformed : List.of("not json", "[1]", "{\"parallel\":\"2\"}", "{\"disabled\":\"yes\"}",
                "{\"max_keys_per_sec\":1.5}", "{\"paralel\":2}")) {
            Answer refused = api.put("/api/actions/settings", malformed);
            assertEquals(400, refused.status(), malformed);
            assertTrue(refused.json().get("error").asText().startsWith("the body must be JSON like {\"disabled\":false,"), refused.body());
        }
        assertEquals("{\"disabled\":true,\"parallel\":4,\"max_keys_per_sec\":50000,\"max_bytes_per_sec\":1048576}",
                api.get("/api/actions").json().get("settings").toString(), "refused changes change nothing");
    }

    @Test
    void rebalancePlansThenSchedules() {
        Answer plan = api.post("/api/rebalance", "{\"confirm\":false}");
        assertEquals(200, plan.status(), plan.body());
        JsonNode body = plan.json();
        assertEquals(Set.of("scheduled", "moves", "counts"), fields(body));
        assertEquals(false, body.get("scheduled").asBoolean());
        assertEquals("{\"1\":512,\"2\":512}", body.get("counts").toString());
        JsonNode moves = body.get("moves");
        assertEquals(512, moves.size());
        for (int i = 0; i < 512; i++) {
            assertEquals("{\"slot\":" + (512 + i) + ",\"from\":1,\"to\":2}", moves.get(i).toString());
        }
        assertEquals("[]", api.get("/api/actions").json().get("actions").toString(), "a plan alone schedules nothing");

        Answer scheduled = api.post("/api/rebalance", "{\"confirm\":true}");
        assertEquals(200, scheduled.status(), scheduled.body());
        assertTrue(scheduled.json().get("scheduled").asBoolean());
        assertEquals(512, scheduled.json().get("moves").size());
        JsonNode actions = api.get("/api/actions").json().get("actions");
        assertEquals(512, actions.size());
        for (int i = 0; i < 512; i++) {
            JsonNode action = actions.get(i);
            assertEquals(512 + i, action.get("slot").asInt());
            assertEquals(2, action.get("to").asInt());
            assertTrue(BEFORE_CUTOVER.contains(action.get("state").asText()), action.toString());
        }

        Answer replanned = api.post("/api/rebalance", "{\"confirm\":false}");
        assertEquals("[]", replanned.json().get("moves").toString(), "queued moves count for their target");
        assertEquals("{\"1\":512,\"2\":512}", replanned.json().get("counts").toString());

        for (String malformed : List.of("", "{}", "{\"confirm\":\"yes\"}", "{\"confirm\":1}")) {
            Answer refused = api.post("/api/rebalance", malformed);
            assertEquals(400, refused.status(), malformed);
            assertEquals("the body must be JSON like {\"confirm\":false}", refused.json().get("error").asText());
        }
    }

    @Test
    void slotsShowTheirActionAndTheOverviewCountsActions() {
        assertEquals(200, api.put("/api/actions/settings", "{\"disabled\":true}").status());
        assertEquals(200, api.post("/api/slots/migrate", "{\"from\":30,\"to\":31,\"group\":2}").status());
        long index = api.get("/api/actions").json().get("actions").get(0).get("index").asLong();

        JsonNode slots = api.get("/api/slots").json();
        assertEquals("{\"id\":30,\"group\":1,\"action\":{\"state\":\"pending\",\"to\":2,\"index\":" + index + "}}",
                slots.get(30).toString());
        assertEquals("{\"id\":31,\"group\":1,\"action\":{\"state\":\"pending\",\"to\":2,\"index\":" + (index + 1) + "}}",
                slots.get(31).toString());
        assertEquals("{\"id\":32,\"group\":1,\"action\":null}", slots.get(32).toString());
        assertEquals(SlotHash.SLOTS, slots.size());

        assertEquals("{\"pending\":2}", api.get("/api/overview").json().get("actions").toString());
    }

    @Test
    void theMigrationCallsNeedTheToken() {
        String guarded = node.addAdminEndpoint("s3cret");
        HttpCalls anonymous = new HttpCalls(guarded, "");
        HttpCalls owner = new HttpCalls(guarded, "s3cret");
        List<Answer> refused = List.of(
                anonymous.post("/api/slots/migrate", "{\"from\":40,\"to\":41,\"group\":2}"),
                anonymous.put("/api/actions/settings", "{\"parallel\":3}"),
                anonymous.post("/api/rebalance", "{\"confirm\":true}"),
                anonymous.delete("/api/actions/40"));
        for (Answer answer : refused) {
            assertEquals(401, answer.status(), answer.body());
        }
        JsonNode unchanged = anonymous.get("/api/actions").json();
        assertEquals("{\"settings\":" + DEFAULT_SETTINGS + ",\"actions\":[]}", unchanged.toString(), "reads need no token");

        assertEquals(200, owner.post("/api/slots/migrate", "{\"from\":40,\"to\":40,\"group\":2}").status());
        assertEquals(401, anonymous.delete("/api/actions/40").status());
        assertEquals(List.of(40), slots(api.get("/api/actions").json()));
        assertEquals(200, owner.put("/api/actions/settings", "{\"parallel\":2}").status());
        assertEquals(2, api.get("/api/actions").json().get("settings").get("parallel").asInt());
        assertEquals(200, owner.delete("/api/actions/40").status());
        assertEquals(200, owner.post("/api/rebalance", "{\"confirm\":false}").status());
    }

    @Test
    void aDashboardThatDoesNotAnswerGives503() {
        HttpCalls cut = new HttpCalls(node.addEndpointWithSilentDashboard(), "");
        for (Answer answer : List.of(cut.get("/api/actions"), cut.put("/api/actions/settings", "{\"parallel\":2}"))) {
            assertEquals(503, answer.status(), answer.body());
            assertTrue(answer.json().get("error").asText().startsWith("dashboard not reachable: "), answer.body());
        }
    }

    /** A running move's progress as the API words it; a move here never gets far enough to report one. */
    @Test
    void aRunningMoveReportsProgressRateAndEta() {
        Dashboard.ActionsView view = new Dashboard.ActionsView(List.of(
                new SlotMove(3, 7, 1, 2, SlotMove.State.MIGRATING, 0),
                new SlotMove(4, 8, 1, 2, SlotMove.State.MIGRATING, 0),
                new SlotMove(5, 9, Topology.NO_GROUP, 2, SlotMove.State.PENDING, 0)),
                new ActionSettings(true, 2, 1000, 0),
                Map.of(3, new ActionProgress(1200, 3800, 5_300_000, 500.0), 4, new ActionProgress(0, 9000, 0, 0.0)));
        assertEquals("{\"settings\":{\"disabled\":true,\"parallel\":2,\"max_keys_per_sec\":1000,\"max_bytes_per_sec\":0},"
                + "\"actions\":["
                + "{\"slot\":3,\"index\":7,\"from\":1,\"to\":2,\"state\":\"migrating\",\"progress\":{\"keys_moved\":1200,"
                + "\"keys_left\":3800,\"bytes_moved\":5300000,\"keys_per_sec\":500.0,\"eta_seconds\":8}},"
                + "{\"slot\":4,\"index\":8,\"from\":1,\"to\":2,\"state\":\"migrating\",\"progress\":{\"keys_moved\":0,"
                + "\"keys_left\":9000,\"bytes_moved\":0,\"keys_per_sec\":0.0,\"eta_seconds\":null}},"
                + "{\"slot\":5,\"index\":9,\"from\":null,\"to\":2,\"state\":\"pending\",\"progress\":null}]}",
                JsonBodies.write(ActionViews.ActionList.of(view)));
    }


    private static List<Integer> slots(JsonNode view) {
        List<Integer> slots = new ArrayList<>();
        view.get("actions").forEach(a -> slots.add(a.get("slot").asInt()));
        return slots;
    }

    private static Set<String> fields(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
