package io.pikko.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code pikko admin}: the cluster admin API from the command line, answers printed as tables.
 * Any node's admin URL will do; the token comes from --token or PIKKO_ADMIN_TOKEN.
 */
public final class AdminCli {
    static final String DEFAULT_URL = "http://127.0.0.1:9280";
    static final String USAGE = """
            usage: pikko admin [--url URL] [--token TOKEN] COMMAND [ARGS]
              --url URL        a node's admin address (default %s)
              --token TOKEN    bearer token for changes (default: $PIKKO_ADMIN_TOKEN)
            commands:
              overview                    nodes, groups, keys and ops/s
              nodes                       cluster members
              groups                      groups with their servers and slot counts
              group-create ID             add an empty group
              group-remove ID             remove a group that has no slots and no servers
              group-add ID NODE           add a node (its RESP address host:port) to a group
              group-del ID NODE           remove a node from a group
              slots                       which group owns which slots
              slots-assign FROM TO GROUP  give slots FROM..TO, which must hold no keys, to GROUP
              migrate FROM TO GROUP       move slots FROM..TO, with their keys, to GROUP
              actions                     slot moves: state, progress, rate and ETA
              action-remove SLOT          drop a slot's move, or cancel it before cutover
              actions-settings [--disabled true|false] [--parallel N]
                               [--max-keys-per-sec N] [--max-bytes-per-sec N]
                                          show or change how moves run (0 = unlimited);
                                          --disabled true pauses them
              rebalance [--confirm]       plan an even spread of slots over the groups;
                                          with --confirm, schedule the moves
            """.formatted(DEFAULT_URL);
    private static final Set<String> SETTINGS_OPTIONS =
            Set.of("--disabled", "--parallel", "--max-keys-per-sec", "--max-bytes-per-sec");
    /** Options of single commands; run() passes them on with the command's arguments. */
    private static final Set<String> COMMAND_OPTIONS =
            Stream.concat(SETTINGS_OPTIONS.stream(), Stream.of("--confirm")).collect(Collectors.toUnmodifiableSet());

    private final AdminClient client;
    private final PrintStream out;

    private AdminCli(AdminClient client, PrintStream out) {
        this.client = client;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs one command; returns the exit code: 0 done, 1 failed (the reason on {@code err}). */
    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        String url = DEFAULT_URL;
        String token = environment.getOrDefault("PIKKO_ADMIN_TOKEN", "");
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    out.print(USAGE);
                    return 0;
                }
                case "--url", "--token" -> {
                    if (i + 1 == args.length) {
                        err.print(args[i] + " needs a value\n" + USAGE);
                        return 1;
                    }
                    if (args[i].equals("--url")) {
                        url = args[++i];
                    } else {
                        token = args[++i];
                    }
                }
                default -> {
                    if (args[i].startsWith("--") && !COMMAND_OPTIONS.contains(args[i])) {
                        err.print("unknown option " + args[i] + "\n" + USAGE);
                        return 1;
                    }
                    words.add(args[i]);
                }
            }
        }
        if (words.isEmpty()) {
            err.print(USAGE);
            return 1;
        }
        try {
            new AdminCli(new AdminClient(url, token), out).command(words.get(0), words.subList(1, words.size()));
            return 0;
        } catch (AdminClient.Failure failure) {
            err.println("error: " + failure.getMessage());
            return 1;
        }
    }

    private void command(String name, List<String> args) throws AdminClient.Failure {
        switch (name) {
            case "overview" -> {
                args(name, args, 0);
                overview(client.get("/api/overview"));
            }
            case "nodes" -> {
                args(name, args, 0);
                out.print(nodes(client.get("/api/nodes"), false));
            }
            case "groups" -> {
                args(name, args, 0);
                out.print(groups(client.get("/api/groups"), false));
            }
            case "group-create" -> {
                int id = number(args(name, args, 1).get(0), "group id");
                changedGroup("group " + id + " created", client.post("/api/groups", Map.of("id", id)));
            }
            case "group-remove" -> {
                int id = number(args(name, args, 1).get(0), "group id");
                client.delete("/api/groups/" + id);
                out.println("group " + id + " removed");
            }
            case "group-add" -> {
                int id = number(args(name, args, 2).get(0), "group id");
                String node = args.get(1);
                changedGroup(node + " added to group " + id, client.post("/api/groups/" + id + "/servers", Map.of("node", node)));
            }
            case "group-del" -> {
                int id = number(args(name, args, 2).get(0), "group id");
                String node = args.get(1);
                changedGroup(node + " removed from group " + id,
                        client.delete("/api/groups/" + id + "/servers/" + AdminClient.segment(node)));
            }
            case "slots" -> {
                args(name, args, 0);
                slots(client.get("/api/slots"));
            }
            case "slots-assign" -> {
                args(name, args, 3);
                int from = number(args.get(0), "FROM slot");
                int to = number(args.get(1), "TO slot");
                int group = number(args.get(2), "group id");
                changedGroup("slots " + from + "-" + to + " assigned to group " + group,
                        client.post("/api/slots/assign", Map.of("from", from, "to", to, "group", group)));
            }
            case "migrate" -> {
                args(name, args, 3);
                int from = number(args.get(0), "FROM slot");
                int to = number(args.get(1), "TO slot");
                int group = number(args.get(2), "group id");
                JsonNode view = client.post("/api/slots/migrate", Map.of("from", from, "to", to, "group", group));
                out.println("slots " + (from == to ? from : from + "-" + to) + " will move to group " + group);
                out.print(MigrationTables.actions(view));
            }
            case "actions" -> {
                args(name, args, 0);
                out.print(MigrationTables.actions(client.get("/api/actions")));
            }
            case "action-remove" -> {
                int slot = number(args(name, args, 1).get(0), "slot");
                JsonNode view = client.delete("/api/actions/" + slot);
                out.println("the action of slot " + slot + " is removed");
                out.print(MigrationTables.actions(view));
            }
            case "actions-settings" -> {
                Map<String, Object> change = settingsChange(args);
                JsonNode view = change.isEmpty() ? client.get("/api/actions") : client.put("/api/actions/settings", change);
                out.print(MigrationTables.settings(view.get("settings")));
            }
            case "rebalance" -> {
                if (!args.isEmpty() && !args.equals(List.of("--confirm"))) {
                    throw new AdminClient.Failure("rebalance takes only --confirm\n" + USAGE);
                }
                out.print(MigrationTables.rebalance(client.post("/api/rebalance", Map.of("confirm", !args.isEmpty()))));
            }
            default -> throw new AdminClient.Failure("unknown command '" + name + "'\n" + USAGE);
        }
    }

    private void overview(JsonNode overview) {
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

    private static String nodes(JsonNode nodes, boolean withFigures) {
        CliTable table = withFigures
                ? new CliTable("NODE", "ADMIN", "STATUS", "DASHBOARD", "OPS/S", "CLIENTS")
                : new CliTable("NODE", "ADMIN", "STATUS", "DASHBOARD", "CLUSTER ADDRESS");
        for (JsonNode node : nodes) {
            String dashboard = node.get("dashboard").asBoolean() ? "yes" : "";
            if (withFigures) {
                table.row(text(node.get("resp")), text(node.get("admin")), node.get("status").asText(), dashboard,
                        rate(node.get("opsPerSec")), text(node.get("clients")));
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

    private void slots(JsonNode slots) {
        CliTable table = new CliTable("SLOTS", "GROUP");
        for (SlotRanges.Range<String> range : SlotRanges.of(slots, slot -> slot.get("id").asInt(),
                slot -> slot.get("group").isNull() ? "unassigned" : "group " + slot.get("group").asInt())) {
            table.row(range.slots(), range.value());
        }
        out.print(table.render());
    }

    /** The settings {@code actions-settings} changes, as the API names them; empty when it only shows them. */
    private static Map<String, Object> settingsChange(List<String> args) throws AdminClient.Failure {
        Map<String, Object> change = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String option = args.get(i);
            if (!SETTINGS_OPTIONS.contains(option)) {
                throw new AdminClient.Failure("actions-settings takes --disabled, --parallel, --max-keys-per-sec"
                        + " and --max-bytes-per-sec, not '" + option + "'\n" + USAGE);
            }
            if (i + 1 == args.size()) {
                throw new AdminClient.Failure(option + " needs a value\n" + USAGE);
            }
            String value = args.get(i + 1);
            switch (option) {
                case "--disabled" -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        throw new AdminClient.Failure("--disabled is true or false, not '" + value + "'");
                    }
                    change.put("disabled", Boolean.parseBoolean(value));
                }
                case "--parallel" -> change.put("parallel", number(value, option));
                case "--max-keys-per-sec" -> change.put("max_keys_per_sec", longNumber(value, option));
                default -> change.put("max_bytes_per_sec", longNumber(value, option));
            }
        }
        return change;
    }

    private void changedGroup(String done, JsonNode group) {
        out.println(done);
        out.print(groups(JsonBodies.MAPPER.createArrayNode().add(group), false));
    }

    private static List<String> args(String command, List<String> args, int count) throws AdminClient.Failure {
        for (String arg : args) {
            if (COMMAND_OPTIONS.contains(arg)) {
                throw new AdminClient.Failure(command + " takes no option " + arg + "\n" + USAGE);
            }
        }
        if (args.size() != count) {
            String expected = switch (count) {
                case 0 -> "no arguments";
                case 1 -> "1 argument";
                default -> count + " arguments";
            };
            throw new AdminClient.Failure(command + " takes " + expected + "\n" + USAGE);
        }
        return args;
    }

    private static int number(String text, String what) throws AdminClient.Failure {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new AdminClient.Failure(what + " must be a number, not '" + text + "'");
        }
    }

    private static long longNumber(String text, String what) throws AdminClient.Failure {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new AdminClient.Failure(what + " must be a number, not '" + text + "'");
        }
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String rate(JsonNode value) {
        return value == null || value.isNull() ? null : String.format(Locale.ROOT, "%.0f", value.asDouble());
    }
}
