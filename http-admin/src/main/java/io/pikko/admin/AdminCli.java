package io.pikko.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

/**
 * {@code pikko admin}: the cluster admin API from the command line, answers printed as tables or,
 * with {@code --json}, as the API's JSON. Any node's admin URL will do; the token comes from
 * --token or PIKKO_ADMIN_TOKEN. The exit code says what failed: {@value #OK} done,
 * {@value AdminClient.Failure#API_ERROR} the API refused, {@value #USAGE} a wrong command line,
 * {@value AdminClient.Failure#UNREACHABLE} no answer from the node.
 */
@Command(name = "pikko admin", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The cluster admin API of a Pikko node.",
        footer = "Exit codes: 0 done, 1 the API refused, 2 a wrong command line, 3 the node did not answer.")
public final class AdminCli implements Callable<Integer> {
    static final String DEFAULT_URL = "http://127.0.0.1:9280";
    static final int OK = 0;
    static final int USAGE = 2;

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "a node's admin address (default " + DEFAULT_URL + ")")
    String url = DEFAULT_URL;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
            description = "bearer token for changes (default: $PIKKO_ADMIN_TOKEN)")
    String token;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print the API's JSON answer instead of tables")
    boolean json;

    private final PrintStream out;
    private final PrintStream err;

    private AdminCli(String token, PrintStream out, PrintStream err) {
        this.token = token;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs one command; returns its exit code (the reason of a failure on {@code err}). */
    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        AdminCli cli = new AdminCli(environment.getOrDefault("PIKKO_ADMIN_TOKEN", ""), out, err);
        CommandLine line = new CommandLine(cli);
        line.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        line.setParameterExceptionHandler((problem, given) -> {
            err.println("error: " + problem.getMessage());
            problem.getCommandLine().usage(err);
            return USAGE;
        });
        line.setExecutionExceptionHandler((problem, command, parsed) -> {
            if (problem instanceof AdminClient.Failure failure) {
                err.println("error: " + failure.getMessage());
                return failure.exitCode();
            }
            throw problem;
        });
        return line.execute(args);
    }

    /** No command given: the usage, as a wrong command line. */
    @Override
    public Integer call() {
        new CommandLine(this).usage(err);
        return USAGE;
    }

    private AdminClient client() {
        return new AdminClient(url, token);
    }

    @Command(name = "overview", mixinStandardHelpOptions = true, description = "nodes, groups, keys and ops/s")
    int overview() throws AdminClient.Failure {
        JsonNode overview = client().get("/api/overview");
        if (!json) {
            out.print(nodes(overview.get("nodes"), true));
            out.println();
            out.print(groups(overview.get("groups"), true));
            out.println();
            Map<String, Integer> actions = new LinkedHashMap<>();
            overview.get("actions").properties().forEach(state -> actions.put(state.getKey(), state.getValue().asInt()));
            out.println("cluster ops/s: " + rate(overview.get("opsPerSec"))
                    + "    unassigned slots: " + overview.get("unassignedSlots").asInt()
                    + (actions.isEmpty() ? "" : "    slot actions: " + MigrationTables.counts(actions)));
        }
        return print(overview);
    }

    @Command(name = "nodes", mixinStandardHelpOptions = true, description = "cluster members")
    int nodes() throws AdminClient.Failure {
        JsonNode nodes = client().get("/api/nodes");
        return json ? print(nodes) : text(nodes(nodes, false));
    }

    @Command(name = "groups", mixinStandardHelpOptions = true,
            description = "groups with their mode, epoch, slot count and servers, each server's role, state, position and lag")
    int groups(@Parameters(paramLabel = "ID", arity = "0..1", description = "only this group") Integer id)
            throws AdminClient.Failure {
        if (id != null) {
            JsonNode group = client().get("/api/groups/" + id);
            return json ? print(group) : text(groupServers(JsonBodies.MAPPER.createArrayNode().add(group)));
        }
        JsonNode groups = client().get("/api/groups");
        return json ? print(groups) : text(groupServers(groups));
    }

    @Command(name = "group-create", mixinStandardHelpOptions = true, description = "add an empty group")
    int groupCreate(@Parameters(paramLabel = "ID", description = "the new group's id") int id) throws AdminClient.Failure {
        return changedGroup("group " + id + " created", client().post("/api/groups", Map.of("id", id)));
    }

    @Command(name = "group-remove", mixinStandardHelpOptions = true,
            description = "remove a group that has no slots and no servers")
    int groupRemove(@Parameters(paramLabel = "ID") int id) throws AdminClient.Failure {
        client().delete("/api/groups/" + id);
        return json ? print(JsonBodies.MAPPER.createObjectNode().put("removed", id)) : text("group " + id + " removed\n");
    }

    @Command(name = "group-add", mixinStandardHelpOptions = true,
            description = "add a node (its RESP address host:port) to a group")
    int groupAdd(@Parameters(paramLabel = "ID") int id, @Parameters(paramLabel = "NODE") String node)
            throws AdminClient.Failure {
        return changedGroup(node + " added to group " + id, client().post("/api/groups/" + id + "/servers", Map.of("node", node)));
    }

    @Command(name = "group-del", mixinStandardHelpOptions = true, description = "remove a node from a group")
    int groupDel(@Parameters(paramLabel = "ID") int id, @Parameters(paramLabel = "NODE") String node)
            throws AdminClient.Failure {
        return changedGroup(node + " removed from group " + id,
                client().delete("/api/groups/" + id + "/servers/" + AdminClient.segment(node)));
    }

    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = "make a replica of group ID its master; refused while it lags, unless --force")
    int promote(@Parameters(paramLabel = "ID") int id, @Parameters(paramLabel = "NODE") String node,
                @Option(names = "--force", description = "promote even a lagging or silent replica, losing what it lacks")
                boolean force) throws AdminClient.Failure {
        return changedGroup(node + " is now the master of group " + id,
                client().post("/api/groups/" + id + "/promote", Map.of("node", node, "force", force)));
    }

    @Command(name = "slots", mixinStandardHelpOptions = true, description = "which group owns which slots")
    int slots() throws AdminClient.Failure {
        JsonNode slots = client().get("/api/slots");
        if (json) {
            return print(slots);
        }
        CliTable table = new CliTable("SLOTS", "GROUP");
        for (SlotRanges.Range<String> range : SlotRanges.of(slots, slot -> slot.get("id").asInt(),
                slot -> slot.get("group").isNull() ? "unassigned" : "group " + slot.get("group").asInt())) {
            table.row(range.slots(), range.value());
        }
        return text(table.render());
    }

    @Command(name = "slots-assign", mixinStandardHelpOptions = true,
            description = "give slots FROM..TO, which must hold no keys, to GROUP")
    int slotsAssign(@Parameters(paramLabel = "FROM") int from, @Parameters(paramLabel = "TO") int to,
                    @Parameters(paramLabel = "GROUP") int group) throws AdminClient.Failure {
        return changedGroup("slots " + from + "-" + to + " assigned to group " + group,
                client().post("/api/slots/assign", Map.of("from", from, "to", to, "group", group)));
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true, description = "move slots FROM..TO, with their keys, to GROUP")
    int migrate(@Parameters(paramLabel = "FROM") int from, @Parameters(paramLabel = "TO") int to,
                @Parameters(paramLabel = "GROUP") int group,
                @Option(names = "--wait", description = "show the moves' progress until they are done") boolean wait)
            throws AdminClient.Failure {
        AdminClient client = client();
        JsonNode view = client.post("/api/slots/migrate", Map.of("from", from, "to", to, "group", group));
        if (!json) {
            out.println("slots " + (from == to ? from : from + "-" + to) + " will move to group " + group);
            out.print(MigrationTables.actions(view));
        }
        if (wait) {
            List<Integer> slots = new ArrayList<>();
            for (int slot = Math.min(from, to); slot <= Math.max(from, to); slot++) {
                slots.add(slot);
            }
            view = new MoveProgress(client, out, !json).await(slots);
        }
        return json ? print(view) : OK;
    }

    @Command(name = "actions", mixinStandardHelpOptions = true, description = "slot moves: state, progress, rate and ETA")
    int actions() throws AdminClient.Failure {
        JsonNode view = client().get("/api/actions");
        return json ? print(view) : text(MigrationTables.actions(view));
    }

    @Command(name = "action-remove", mixinStandardHelpOptions = true,
            description = "drop a slot's move, or cancel it before cutover")
    int actionRemove(@Parameters(paramLabel = "SLOT") int slot) throws AdminClient.Failure {
        JsonNode view = client().delete("/api/actions/" + slot);
        return json ? print(view) : text("the action of slot " + slot + " is removed\n" + MigrationTables.actions(view));
    }

    @Command(name = "actions-settings", mixinStandardHelpOptions = true,
            description = {"show or change how moves run (0 = unlimited)", "--disabled true pauses them"})
    int actionsSettings(
            @Option(names = "--disabled", arity = "1", paramLabel = "true|false") Boolean disabled,
            @Option(names = "--parallel", paramLabel = "N") Integer parallel,
            @Option(names = "--max-keys-per-sec", paramLabel = "N") Long maxKeysPerSec,
            @Option(names = "--max-bytes-per-sec", paramLabel = "N") Long maxBytesPerSec) throws AdminClient.Failure {
        Map<String, Object> change = new LinkedHashMap<>();
        putIfGiven(change, "disabled", disabled);
        putIfGiven(change, "parallel", parallel);
        putIfGiven(change, "max_keys_per_sec", maxKeysPerSec);
        putIfGiven(change, "max_bytes_per_sec", maxBytesPerSec);
        JsonNode view = change.isEmpty() ? client().get("/api/actions") : client().put("/api/actions/settings", change);
        return json ? print(view.get("settings")) : text(MigrationTables.settings(view.get("settings")));
    }

    @Command(name = "rebalance", mixinStandardHelpOptions = true,
            description = {"plan an even spread of slots over the groups;", "with --confirm, schedule the moves"})
    int rebalance(@Option(names = "--confirm", description = "schedule the planned moves") boolean confirm,
                  @Option(names = "--wait", description = "with --confirm: show the moves' progress until they are done")
                  boolean wait) throws AdminClient.Failure {
        if (wait && !confirm) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--wait needs --confirm: a plan alone moves nothing");
        }
        AdminClient client = client();
        JsonNode plan = client.post("/api/rebalance", Map.of("confirm", confirm));
        if (!json) {
            out.print(MigrationTables.rebalance(plan));
        }
        if (wait) {
            List<Integer> slots = new ArrayList<>();
            plan.get("moves").forEach(move -> slots.add(move.get("slot").asInt()));
            new MoveProgress(client, out, !json).await(slots);
        }
        return json ? print(plan) : OK;
    }

    private static void putIfGiven(Map<String, Object> change, String name, Object value) {
        if (value != null) {
            change.put(name, value);
        }
    }

    private int changedGroup(String done, JsonNode group) {
        return json ? print(group) : text(done + "\n" + groupServers(JsonBodies.MAPPER.createArrayNode().add(group)));
    }

    private int text(String text) {
        out.print(text);
        return OK;
    }

    private int print(JsonNode answer) {
        if (json) {
            try {
                out.println(JsonBodies.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("JSON the API sent could not be written again", e);
            }
        }
        return OK;
    }

    private static String nodes(JsonNode nodes, boolean withFigures) {
        CliTable table = withFigures
                ? new CliTable("NODE", "ADMIN", "STATUS", "DASHBOARD", "OPS/S", "P99", "CLIENTS", "HEAP", "DATA DIR")
                : new CliTable("NODE", "ADMIN", "STATUS", "DASHBOARD", "CLUSTER ADDRESS");
        for (JsonNode node : nodes) {
            String dashboard = node.get("dashboard").asBoolean() ? "yes" : "";
            if (withFigures) {
                JsonNode footprint = node.get("footprint");
                boolean known = footprint != null && !footprint.isNull();
                table.row(text(node.get("resp")), text(node.get("admin")), node.get("status").asText(), dashboard,
                        rate(node.get("opsPerSec")), millis(node.get("p99Seconds")), text(node.get("clients")),
                        known ? MigrationTables.bytes(footprint.get("heapUsedBytes").asLong()) : null,
                        known ? MigrationTables.bytes(footprint.get("dataDirBytes").asLong()) : null);
            } else {
                table.row(text(node.get("resp")), text(node.get("admin")), node.get("status").asText(), dashboard,
                        node.get("cluster").asText());
            }
        }
        return table.render();
    }

    private static String groups(JsonNode groups, boolean withKeys) {
        CliTable table = withKeys
                ? new CliTable("GROUP", "MASTER", "EPOCH", "SLOTS", "KEYS", "SERVERS")
                : new CliTable("GROUP", "MASTER", "EPOCH", "SLOTS", "SERVERS");
        for (JsonNode group : groups) {
            List<String> servers = new ArrayList<>();
            group.get("servers").forEach(s -> servers.add(s.asText()));
            String serverList = servers.isEmpty() ? "-" : String.join(",", servers);
            if (withKeys) {
                table.row(group.get("id").asInt(), text(group.get("master")), group.get("epoch").asLong(),
                        group.get("slots").asInt(), text(group.get("keys")), serverList);
            } else {
                table.row(group.get("id").asInt(), text(group.get("master")), group.get("epoch").asLong(),
                        group.get("slots").asInt(), serverList);
            }
        }
        return table.render();
    }

    /**
     * One line per server of each group (role, state in the cluster, the binlog position it holds
     * and how many records it lags its master), the group's own figures on its first.
     */
    private static String groupServers(JsonNode groups) {
        CliTable table = new CliTable("GROUP", "MODE", "EPOCH", "SLOTS", "SERVER", "ROLE", "STATE", "APPLIED", "LAG");
        for (JsonNode group : groups) {
            Object id = group.get("id").asInt();
            Object mode = text(group.get("mode"));
            Object epoch = group.get("epoch").asLong();
            Object slots = group.get("slots").asInt();
            if (group.get("members").isEmpty()) {
                table.row(id, mode, epoch, slots, null, null, null, null, null);
            }
            for (JsonNode server : group.get("members")) {
                table.row(id, mode, epoch, slots, server.get("node").asText(), server.get("role").asText(),
                        server.get("state").asText(), text(server.get("applied")), text(server.get("lag")));
                id = "";
                mode = "";
                epoch = "";
                slots = "";
            }
        }
        return table.render();
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Seconds as milliseconds, "0.25 ms"; unknown (null: no command in the last second) as "-". */
    private static String millis(JsonNode seconds) {
        return seconds == null || seconds.isNull() ? null
                : String.format(Locale.ROOT, "%.2f ms", seconds.asDouble() * 1000);
    }

    static String rate(JsonNode value) {
        return value == null || value.isNull() ? null : String.format(Locale.ROOT, "%.0f", value.asDouble());
    }
}
