package io.pikko.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code pikko admin} run in-process against a real one-node cluster's admin API. */
class AdminCliTest {
    private static final String SELF = "127.0.0.1:9221";

    private static AdminTestNode node;

    /** Group 2's master: slots are given only to a master that runs. */
    private static AdminTestNode second;

    @BeforeAll
    static void start() throws Exception {
        node = AdminTestNode.lone(SELF, "");
        second = AdminTestNode.joining("127.0.0.1:9222", node);
    }

    @AfterAll
    static void stop() throws Exception {
        second.close();
        node.close();
    }

    record Run(int exit, String out, String err) {}

    private static Run cli(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AdminCli.run(args, environment,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run cli(String... args) {
        String[] withUrl = new String[args.length + 2];
        withUrl[0] = "--url";
        withUrl[1] = node.url();
        System.arraycopy(args, 0, withUrl, 2, args.length);
        return cli(Map.of(), withUrl);
    }

    private static Run ok(String... args) {
        Run run = cli(args);
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        return run;
    }

    @Test
    void anOperatorLaysOutASecondGroup() {
        assertEquals("""
                GROUP  MODE   EPOCH  SLOTS  SERVER          ROLE    STATE  APPLIED  LAG
                1      async  1      1024   127.0.0.1:9221  master  up     -        -
                """, ok("groups").out());

        assertEquals("""
                group 2 created
                GROUP  MODE   EPOCH  SLOTS  SERVER  ROLE  STATE  APPLIED  LAG
                2      async  0      0      -       -     -      -        -
                """, ok("group-create", "2").out());
        assertEquals("""
                127.0.0.1:9222 added to group 2
                GROUP  MODE   EPOCH  SLOTS  SERVER          ROLE    STATE  APPLIED  LAG
                2      async  1      0      127.0.0.1:9222  master  up     -        -
                """, ok("group-add", "2", "127.0.0.1:9222").out());
        ok("group-add", "2", "127.0.0.1:9223");

        // 127.0.0.1:9223 names no member of the cluster: a replica that is down.
        assertEquals("""
                slots 1000-1023 assigned to group 2
                GROUP  MODE   EPOCH  SLOTS  SERVER          ROLE     STATE  APPLIED  LAG
                2      async  1      24     127.0.0.1:9222  master   up     -        -
                                            127.0.0.1:9223  replica  down   -        -
                """, ok("slots-assign", "1000", "1023", "2").out());
        assertEquals("""
                GROUP  MODE   EPOCH  SLOTS  SERVER          ROLE     STATE  APPLIED  LAG
                1      async  1      1000   127.0.0.1:9221  master   up     -        -
                2      async  1      24     127.0.0.1:9222  master   up     -        -
                                            127.0.0.1:9223  replica  down   -        -
                """, ok("groups").out());
        assertEquals("""
                GROUP  MODE   EPOCH  SLOTS  SERVER          ROLE     STATE  APPLIED  LAG
                2      async  1      24     127.0.0.1:9222  master   up     -        -
                                            127.0.0.1:9223  replica  down   -        -
                """, ok("groups", "2").out());
        assertEquals("""
                SLOTS      GROUP
                0-999      group 1
                1000-1023  group 2
                """, ok("slots").out());

        assertEquals("""
                127.0.0.1:9223 removed from group 2
                GROUP  MODE   EPOCH  SLOTS  SERVER          ROLE    STATE  APPLIED  LAG
                2      async  1      24     127.0.0.1:9222  master  up     -        -
                """, ok("group-del", "2", "127.0.0.1:9223").out());

        String[] overview = ok("overview").out().split("\n");
        String admin = node.url().substring("http://".length());
        assertEquals(List.of("NODE", "ADMIN", "STATUS", "DASHBOARD", "OPS/S", "P99", "CLIENTS", "HEAP", "DATA DIR"),
                cells(overview[0]));
        String selfRow = overview[1].startsWith(SELF) ? overview[1] : overview[2];
        String secondRow = overview[1].startsWith(SELF) ? overview[2] : overview[1];
        // No command answered in the last second: no p99. The heap and the data directory are the node's own.
        List<String> self = cells(selfRow);
        assertEquals(List.of(SELF, admin, "up", "yes", "0", "-", "0"), self.subList(0, 7));
        assertTrue(self.get(7).matches("[0-9.]+ (MiB|GiB)") && self.get(8).matches("[0-9.]+ (KiB|MiB)"), selfRow);
        assertEquals(overview[0].indexOf("STATUS"), selfRow.indexOf("up"), "columns line up");
        assertEquals(List.of("127.0.0.1:9222", second.url().substring("http://".length()), "up", "0", "-", "0"),
                cells(secondRow).subList(0, 6), "the second node: not the dashboard's");
        assertEquals("", overview[3]);
        assertEquals("GROUP  MASTER          EPOCH  SLOTS  KEYS  SERVERS", overview[4]);
        assertEquals("1      127.0.0.1:9221  1      1000   0     127.0.0.1:9221", overview[5]);
        // Group 2's keys: 0 once its slots answer from their new master, "-" while they are on their way.
        assertEquals(List.of("2", "127.0.0.1:9222", "1", "24", "127.0.0.1:9222"),
                cells(overview[6]).stream().filter(c -> !c.equals("0") && !c.equals("-")).toList());
        assertEquals("", overview[7]);
        assertEquals("cluster ops/s: 0    unassigned slots: 0", overview[8]);

        String nodes = ok("nodes").out();
        assertTrue(nodes.startsWith("NODE            ADMIN"), nodes);
        assertTrue(nodes.contains(node.clusterAddress().toString()), nodes);
    }

    private static List<String> cells(String line) {
        return List.of(line.trim().split(" {2,}"));
    }

    @Test
    void jsonIsTheApisAnswer() throws Exception {
        for (String command : List.of("overview", "nodes", "groups", "slots", "actions")) {
            Run run = ok(command, "--json");
            assertTrue(JsonBodies.parse(run.out()).isPresent(), command + ": " + run.out());
        }
        assertEquals(1024, JsonBodies.parse(ok("--json", "slots").out()).orElseThrow().size(), "--json goes before the command too");
        assertEquals(1, JsonBodies.parse(ok("groups", "--json").out()).orElseThrow().get(0).get("id").asInt());
        assertEquals(8, JsonBodies.parse(ok("group-create", "8", "--json").out()).orElseThrow().get("id").asInt());
        assertEquals("127.0.0.1:9230", JsonBodies.parse(ok("group-add", "8", "127.0.0.1:9230", "--json").out())
                .orElseThrow().get("servers").get(0).asText());
        assertEquals(0, JsonBodies.parse(ok("group-del", "8", "127.0.0.1:9230", "--json").out())
                .orElseThrow().get("servers").size());
        assertEquals(8, JsonBodies.parse(ok("group-remove", "8", "--json").out()).orElseThrow().get("removed").asInt());
        assertEquals(1, JsonBodies.parse(ok("actions-settings", "--json").out()).orElseThrow().get("parallel").asInt());
        assertTrue(JsonBodies.parse(ok("rebalance", "--json").out()).orElseThrow().has("moves"));
    }

    @Test
    void everyCommandHasItsHelp() {
        for (String command : List.of("overview", "nodes", "groups", "group-create", "group-remove", "group-add", "group-del",
                "slots", "slots-assign", "migrate", "actions", "action-remove", "actions-settings", "rebalance")) {
            Run run = ok(command, "--help");
            assertTrue(run.out().startsWith("Usage: pikko admin " + command), run.out());
        }
    }

    @Test
    void refusalsGoToStandardErrorWithExitCodes() {
        ok("group-create", "5");
        Run duplicate = cli("group-create", "5");
        assertEquals(1, duplicate.exit());
        assertEquals("", duplicate.out());
        assertEquals("error: group 5 already exists (HTTP 409)\n", duplicate.err());

        Run badNode = cli("group-add", "5", "nonsense");
        assertEquals(1, badNode.exit());
        assertTrue(badNode.err().startsWith("error: a node is named by its RESP address"), badNode.err());

        Run notANumber = cli("group-remove", "five");
        assertEquals(2, notANumber.exit());
        assertTrue(notANumber.err().startsWith("error: Invalid value for positional parameter at index 0 (ID): 'five' is not an int"),
                notANumber.err());

        assertEquals("group 5 removed\n", ok("group-remove", "5").out());
    }

    @Test
    void theTokenComesFromTheFlagOrTheEnvironment() {
        String guarded = node.addAdminEndpoint("s3cret");
        Run without = cli(Map.of(), "--url", guarded, "group-create", "7");
        assertEquals(1, without.exit());
        assertTrue(without.err().startsWith("error: this call changes the cluster"), without.err());
        assertTrue(without.err().endsWith("(HTTP 401)\n"), without.err());

        assertEquals(0, cli(Map.of(), "group-create", "7", "--url", guarded, "--token", "s3cret").exit(), "options go anywhere");
        Run fromEnvironment = cli(Map.of("PIKKO_ADMIN_TOKEN", "s3cret"), "--url", guarded, "group-remove", "7");
        assertEquals(0, fromEnvironment.exit(), fromEnvironment.err());
        assertEquals("group 7 removed\n", fromEnvironment.out());
    }

    @Test
    void mistakesAndUnreachableNodesAreReported() {
        Run none = cli(Map.of());
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("Usage: pikko admin"), none.err());

        Run unknown = cli("frobnicate");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().startsWith("error: Unmatched argument at index 2: 'frobnicate'"), unknown.err());

        Run missingArgument = cli("group-add", "2");
        assertEquals(2, missingArgument.exit());
        assertTrue(missingArgument.err().startsWith("error: Missing required parameter: 'NODE'"), missingArgument.err());

        Run extra = cli("groups", "1", "now");
        assertEquals(2, extra.exit());
        assertTrue(extra.err().startsWith("error: Unmatched argument at index 4: 'now'"), extra.err());

        Run noGroup = cli("groups", "77");
        assertEquals(1, noGroup.exit());
        assertTrue(noGroup.err().contains("no group 77"), noGroup.err());

        Run help = cli(Map.of(), "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("slots-assign"), help.out());

        String nobody = "http://127.0.0.1:" + AdminTestNode.freePort();
        Run unreachable = cli(Map.of(), "--url", nobody, "groups");
        assertEquals(3, unreachable.exit());
        assertTrue(unreachable.err().startsWith("error: cannot reach " + nobody), unreachable.err());
    }
}
