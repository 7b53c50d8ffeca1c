package io.pikko.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
            """.formatted(DEFAULT_URL);

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
                    if (args[i].startsWith("--")) {
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
            default -> throw new AdminClient.Failure("unknown command '" + name + "'\n" + USAGE);
        }
    }

    private void overview(JsonNode overview) {
        out.print(nodes(overview.get("nodes"), true));
        out.println();
        out.print(groups(overview.get("groups"), true));
        out.println();
        out.println("cluster ops/s: " + rate(overview.get("opsPerSec"))
                + "    unassigned slots: " + overview.get("unassignedSlots").asInt());
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
        List<Integer> groups = new ArrayList<>();
        slots.forEach(slot -> groups.add(slot.get("group").isNull() ? null : slot.get("group").asInt()));
        CliTable table = new CliTable("SLOTS", "GROUP");
        for (SlotRanges.Range range : SlotRanges.of(groups)) {
            table.row(range.slots(), range.group() == null ? "unassigned" : "group " + range.group());
        }
        out.print(table.render());
    }

    private void changedGroup(String done, JsonNode group) {
        out.println(done);
        out.print(groups(JsonBodies.MAPPER.createArrayNode().add(group), false));
    }

    private static List<String> args(String command, List<String> args, int count) throws AdminClient.Failure {
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

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String rate(JsonNode value) {
        return value == null || value.isNull() ? null : String.format(Locale.ROOT, "%.0f", value.asDouble());
    }
}
