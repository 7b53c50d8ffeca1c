package io.pikko.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pikko.dashboard.ActionProgress;
import io.pikko.dashboard.ActionSettings;
import io.pikko.dashboard.Dashboard;
import io.pikko.dashboard.SlotMove;
import io.pikko.dashboard.Topology;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code pikko admin migrate|actions|action-remove|actions-settings|rebalance} run in-process
 * against a one-node cluster with the real dashboard. Group 2's server does not exist, so no move
 * passes cutover; the tests pause the actions where they print states, so the tables are exact.
 */
class AdminActionsCliTest {
    private static final String SELF = "127.0.0.1:9241";

    private static AdminTestNode node;
    private static HttpCalls api;

    @BeforeAll
    static void start() throws Exception {
        node = AdminTestNode.lone(SELF, "");
        api = new HttpCalls(node.url(), "");
        ok("group-create", "2");
        ok("group-add", "2", "127.0.0.1:1");
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    /** Each test starts with no actions and the default settings. */
    @AfterEach
    void dropActions() {
        for (JsonNode action : api.get("/api/actions").json().get("actions")) {
            assertEquals(200, api.delete("/api/actions/" + action.get("slot").asInt()).status());
        }
        assertEquals(200, api.put("/api/actions/settings",
                "{\"disabled\":false,\"parallel\":1,\"max_keys_per_sec\":0,\"max_bytes_per_sec\":0}").status());
    }

    record Run(int exit, String out, String err) {}

    private static Run cli(String... args) {
        String[] withUrl = new String[args.length + 2];
        withUrl[0] = "--url";
        withUrl[1] = node.url();
        System.arraycopy(args, 0, withUrl, 2, args.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AdminCli.run(withUrl, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run ok(String... args) {
        Run run = cli(args);
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        return run;
    }

    /** A refusal: nothing on standard output, the reason on standard error, and the exit code. */
    private static String failure(int exit, String... args) {
        Run run = cli(args);
        assertEquals(exit, run.exit(), run.err());
        assertEquals("", run.out());
        return run.err();
    }

    @Test
    void anOperatorPausesMigratesAndRemoves() {
        assertEquals("settings: running, parallel 1, max keys/s unlimited, max bytes/s unlimited\n",
                ok("actions-settings").out());
        assertEquals("settings: paused, parallel 1, max keys/s 50000, max bytes/s unlimited\n",
                ok("actions-settings", "--disabled", "true", "--max-keys-per-sec", "50000").out());
        assertEquals("settings: paused, parallel 1, max keys/s unlimited, max bytes/s unlimited\n",
                ok("actions-settings", "--max-keys-per-sec", "0").out());
        assertEquals("settings: paused, parallel 1, max keys/s unlimited, max bytes/s unlimited\nactions: none\n",
                ok("actions").out());

        assertEquals("slots 0-3 will move to group 2\n"
                + "settings: paused, parallel 1, max keys/s unlimited, max bytes/s unlimited\n"
                + "actions: 4 (4 pending)\n\n"
                + "SLOTS  STATE    FROM  TO  MOVED  LEFT  BYTES  KEYS/S  ETA\n"
                + "0-3    pending  1     2   -      -     -      -       -\n", ok("migrate", "0", "3", "2").out());
        ok("migrate", "10", "12", "2");
        assertEquals("settings: paused, parallel 1, max keys/s unlimited, max bytes/s unlimited\n"
                + "actions: 7 (7 pending)\n\n"
                + "SLOTS  STATE    FROM  TO  MOVED  LEFT  BYTES  KEYS/S  ETA\n"
                + "0-3    pending  1     2   -      -     -      -       -\n"
                + "10-12  pending  1     2   -      -     -      -       -\n", ok("actions").out());

        assertEquals("the action of slot 11 is removed\n"
                + "settings: paused, parallel 1, max keys/s unlimited, max bytes/s unlimited\n"
                + "actions: 6 (6 pending)\n\n"
                + "SLOTS  STATE    FROM  TO  MOVED  LEFT  BYTES  KEYS/S  ETA\n"
                + "0-3    pending  1     2   -      -     -      -       -\n"
                + "10     pending  1     2   -      -     -      -       -\n"
                + "12     pending  1     2   -      -     -      -       -\n", ok("action-remove", "11").out());

        assertEquals("SLOTS   GROUP\n0-1023  group 1\n", ok("slots").out(), "the slots stay with their source");
        String[] overview = ok("overview").out().split("\n");
        assertEquals("cluster ops/s: 0    unassigned slots: 0    slot actions: 6 pending", overview[overview.length - 1]);
    }

    @Test
    void runningMovesLeaveTheirStateInTheTable() {
        ok("migrate", "20", "21", "2");
        String table = ok("actions").out();
        assertTrue(table.startsWith("settings: running, parallel 1, max keys/s unlimited, max bytes/s unlimited\nactions: 2 ("), table);
        String[] lines = table.split("\n");
        assertTrue(lines[3].startsWith("SLOTS  STATE"), table);
        // The dashboard starts one move per group pair (parallel 1); it fails to find its target and waits.
        assertTrue(List.of(5, 6).contains(lines.length), table);
        for (int i = 4; i < lines.length; i++) {
            assertTrue(lines[i].matches("(20|21|20-21) +(pending|preparing|migrating) +1 +2 .*"), table);
        }
    }

    @Test
    void rebalanceShowsThePlanThenSchedulesIt() {
        ok("actions-settings", "--disabled", "true");
        assertEquals("""
                rebalance plan: 512 slots to move (not scheduled; run again with --confirm to schedule it)
                SLOTS     FROM  TO
                512-1023  1     2

                GROUP  SLOTS AFTER
                1      512
                2      512
                """, ok("rebalance").out());
        assertEquals("settings: paused, parallel 1, max keys/s unlimited, max bytes/s unlimited\nactions: none\n",
                ok("actions").out(), "a plan schedules nothing");

        assertEquals("""
                rebalance scheduled: 512 slots to move
                SLOTS     FROM  TO
                512-1023  1     2

                GROUP  SLOTS AFTER
                1      512
                2      512
                """, ok("rebalance", "--confirm").out());
        assertEquals("settings: paused, parallel 1, max keys/s unlimited, max bytes/s unlimited\n"
                + "actions: 512 (512 pending)\n\n"
                + "SLOTS     STATE    FROM  TO  MOVED  LEFT  BYTES  KEYS/S  ETA\n"
                + "512-1023  pending  1     2   -      -     -      -       -\n", ok("actions").out());

        assertEquals("""
                the slots are spread evenly already: nothing to move

                GROUP  SLOTS AFTER
                1      512
                2      512
                """, ok("rebalance").out());
    }

    @Test
    void mistakesAreReported() {
        assertEquals("error: parallel must be at least 1, not 0 (HTTP 400)\n", failure(1, "actions-settings", "--parallel", "0"));
        assertEquals("error: max_bytes_per_sec must be 0 (unlimited) or more, not -5 (HTTP 400)\n",
                failure(1, "actions-settings", "--max-bytes-per-sec", "-5"));
        assertTrue(failure(2, "actions-settings", "--disabled", "maybe").contains("'maybe' is not a boolean"));
        assertTrue(failure(2, "actions-settings", "--parallel", "many").contains("'many' is not an int"));
        assertTrue(failure(2, "actions-settings", "--parallel").startsWith("error: Missing required parameter for option '--parallel'"));
        assertTrue(failure(2, "actions-settings", "fast").startsWith("error: Unmatched argument at index 3: 'fast'"));
        assertTrue(failure(2, "rebalance", "now").startsWith("error: Unmatched argument at index 3: 'now'"));
        assertTrue(failure(2, "rebalance", "--wait").startsWith("error: --wait needs --confirm"));
        assertTrue(failure(2, "actions", "--confirm").startsWith("error: Unknown option: '--confirm'"));
        assertTrue(failure(2, "migrate", "0", "3").startsWith("error: Missing required parameter: 'GROUP'"));
        assertEquals("error: no group 9 (HTTP 404)\n", failure(1, "migrate", "0", "3", "9"));
        assertEquals("error: slot 7 has no action (HTTP 404)\n", failure(1, "action-remove", "7"));
        assertTrue(ok("--help").out().contains("rebalance"));
        assertTrue(ok("rebalance", "--help").out().contains("--confirm"));
        assertTrue(ok("migrate", "--help").out().contains("--wait"));
    }

    @Test
    void runningMovesShowProgressRateAndEta() {
        Dashboard.ActionsView view = new Dashboard.ActionsView(List.of(
                new SlotMove(0, 1, 1, 2, SlotMove.State.MIGRATING, 0),
                new SlotMove(1, 2, 1, 2, SlotMove.State.MIGRATING, 0),
                new SlotMove(2, 3, 1, 2, SlotMove.State.PREPARING, 0),
                new SlotMove(3, 4, 1, 2, SlotMove.State.PENDING, 0),
                new SlotMove(4, 5, 1, 2, SlotMove.State.PENDING, 0),
                new SlotMove(9, 6, Topology.NO_GROUP, 2, SlotMove.State.PENDING, 0)),
                new ActionSettings(false, 2, 1000, 0),
                Map.of(0, new ActionProgress(1200, 3800, 5_300_000, 500.0),
                        1, new ActionProgress(0, 9000, 0, 0.0)));
        JsonNode json = JsonBodies.parse(JsonBodies.write(ActionViews.ActionList.of(view))).orElseThrow();
        assertEquals("""
                settings: running, parallel 2, max keys/s 1000, max bytes/s unlimited
                actions: 6 (3 pending, 1 preparing, 2 migrating)

                SLOTS  STATE      FROM  TO  MOVED  LEFT  BYTES    KEYS/S  ETA
                0      migrating  1     2   1200   3800  5.1 MiB  500     8s
                1      migrating  1     2   0      9000  0 B      0       -
                2      preparing  1     2   -      -     -        -       -
                3-4    pending    1     2   -      -     -        -       -
                9      pending    none  2   -      -     -        -       -
                """, MigrationTables.actions(json));
        assertEquals("42s", MigrationTables.duration(JsonBodies.MAPPER.getNodeFactory().numberNode(42)));
        assertEquals("3m05s", MigrationTables.duration(JsonBodies.MAPPER.getNodeFactory().numberNode(185)));
        assertEquals("2h07m", MigrationTables.duration(JsonBodies.MAPPER.getNodeFactory().numberNode(7620)));
        assertEquals("1.5 GiB", MigrationTables.bytes(1536L << 20));
    }
}
