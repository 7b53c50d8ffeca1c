package io.pikko.multijvm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A node's admin HTTP API (issue 4, part 5) over real HTTP, as the tests use it: raw calls that
 * return status and body, and helpers for the calls a test expects to succeed.
 */
public final class AdminClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String token;

    /** @param token sent as {@code Authorization: Bearer} when not empty */
    AdminClient(String host, int port, String token) {
        this.base = "http://" + host + ":" + port;
        this.token = token;
    }

    /** An answer: the HTTP status and the body. */
    public record Response(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The {@code error} text of a failed call. */
        public String error() {
            JsonNode error = json().get("error");
            return error == null ? "" : error.asText();
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    private Response send(HttpRequest.Builder request) {
        // A backstop: an assignment answers once the slots serve, which may take a while on a busy machine.
        request.timeout(Duration.ofSeconds(90));
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("admin API at " + base + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void createGroup(int id) {
        expectOk(post("/api/groups", "{\"id\":" + id + "}"), "create group " + id);
    }

    public void addServer(int group, String node) {
        expectOk(post("/api/groups/" + group + "/servers", "{\"node\":\"" + node + "\"}"),
                "add " + node + " to group " + group);
    }

    public Response assignSlots(int from, int to, int group) {
        return post("/api/slots/assign", "{\"from\":" + from + ",\"to\":" + to + ",\"group\":" + group + "}");
    }

    public void assignSlotsOk(int from, int to, int group) {
        expectOk(assignSlots(from, to, group), "assign slots " + from + ".." + to + " to group " + group);
    }

    /** POST /api/slots/migrate: plans the moves of slots {@code from..to} (with their keys) to a group. */
    public void migrateOk(int from, int to, int group) {
        expectOk(post("/api/slots/migrate", "{\"from\":" + from + ",\"to\":" + to + ",\"group\":" + group + "}"),
                "migrate slots " + from + ".." + to + " to group " + group);
    }

    /**
     * GET /api/actions's {@code actions}: {@code [{"slot","index","from","to","state","progress"}, ...]}
     * in index order; {@code progress} ({@code keys_moved}, {@code keys_left}, ...) is null until reported.
     */
    public List<JsonNode> actions() {
        return items(expectOk(get("/api/actions"), "list actions").json().get("actions"));
    }

    /** PUT /api/actions/settings with some of its fields, e.g. {@code {"max_keys_per_sec":100}}. */
    public void actionSettingsOk(String json) {
        expectOk(put("/api/actions/settings", json), "change action settings to " + json);
    }

    /** GET /api/slots as slot → group (0 for none): {@code [{"id":0,"group":1,"action":null}, ...]}. */
    public int[] slots() {
        Response response = expectOk(get("/api/slots"), "list slots");
        JsonNode array = response.json();
        int[] groups = new int[array.size()];
        for (JsonNode slot : array) {
            groups[slot.get("id").asInt()] = slot.path("group").asInt(0);
        }
        return groups;
    }

    /** GET /api/groups as group id → its servers (RESP addresses, master first). */
    public Map<Integer, List<String>> groups() {
        Response response = expectOk(get("/api/groups"), "list groups");
        Map<Integer, List<String>> groups = new TreeMap<>();
        for (JsonNode group : items(response.json())) {
            List<String> servers = new ArrayList<>();
            group.path("servers").forEach(s -> servers.add(s.asText()));
            groups.put(group.get("id").asInt(), servers);
        }
        return groups;
    }

    /** GET /api/nodes: one object per cluster member ({@code resp}, {@code status}, {@code dashboard}, ...). */
    public List<JsonNode> nodes() {
        return items(expectOk(get("/api/nodes"), "list nodes").json());
    }

    /** The RESP address of the member {@code GET /api/nodes} marks as running the dashboard, or "none". */
    public String dashboardNode() {
        return nodes().stream().filter(m -> m.path("dashboard").asBoolean())
                .map(m -> m.path("resp").asText()).findFirst().orElse("none");
    }

    private static List<JsonNode> items(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    static Response expectOk(Response response, String what) {
        if (!response.ok()) {
            throw new AssertionError(what + ": HTTP " + response.status() + " " + response.body());
        }
        return response;
    }
}
