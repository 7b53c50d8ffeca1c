package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.storage.SlotHash;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A slot given to a group whose master is not a live node is served by nobody: its requests get
 * CLUSTERDOWN at once, never a reply from a node that does not keep its data. The map outlives a
 * restart, and a lone node restarted on another port is still group 1's master.
 */
class UnservedSlotTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void slotOfAGroupWithoutALiveMasterAnswersClusterDown() throws Exception {
        String kept = keyInSlot(7);
        String orphan = keyInSlot(900);
        try (Jedis jedis = node.client()) {
            jedis.set(kept, "v");
        }
        assertEquals(201, post("/api/groups", "{\"id\":2}").statusCode());
        assertEquals(200, post("/api/groups/2/servers", "{\"node\":\"127.0.0.1:1\"}").statusCode());
        HttpResponse<String> full = post("/api/slots/assign", "{\"from\":7,\"to\":7,\"group\":2}");
        assertEquals(409, full.statusCode());
        assertTrue(full.body().contains("holds 1 keys"), full.body());
        assertEquals(200, post("/api/slots/assign", "{\"from\":900,\"to\":900,\"group\":2}").statusCode());

        try (Jedis jedis = node.client()) {
            String error = eventuallyError(jedis, orphan);
            assertEquals("CLUSTERDOWN slot 900 is not served", error);
            assertEquals("v", jedis.get(kept));
        }

        node.restart();
        try (Jedis jedis = node.client()) {
            assertEquals("v", jedis.get(kept));
            assertEquals("CLUSTERDOWN slot 900 is not served", eventuallyError(jedis, orphan));
        }
        String slots = get("/api/slots");
        assertTrue(slots.contains("{\"id\":900,\"group\":2,\"action\":null}"), slots);
        assertTrue(get("/api/groups").contains("127.0.0.1:" + node.port()), "group 1 follows the node to its new port");
    }

    /**
     * Until the node's view of the map refreshes, the old owner answers; it refuses writes because
     * the assignment sealed the slot, and the gateway sends such a write again until the view shows
     * the slot unserved. No write may succeed.
     */
    private static String eventuallyError(Jedis jedis, String key) {
        try {
            jedis.set(key, "x");
        } catch (JedisDataException e) {
            return e.getMessage();
        }
        throw new AssertionError("a write to " + key + " succeeded on a node that does not own it");
    }

    private static String keyInSlot(int slot) {
        for (int i = 0; ; i++) {
            String key = "key:" + i;
            if (SlotHash.slotOf(key.getBytes(StandardCharsets.UTF_8)) == slot) {
                return key;
            }
        }
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.adminPort() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.adminPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
