package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.protocol.SlotHash;
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

/**
 * A node is named by its RESP address. Restarted on another port with its data, it is still group
 * 1's master, and serves its slots with their data. Slots are given only to a master that runs,
 * since it must first drop whatever it may still hold of them.
 */
class NodeAddressTest {
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
    void aNodeRestartedOnAnotherPortKeepsItsSlotsAndData() throws Exception {
        String key = keyInSlot(7);
        try (Jedis jedis = node.client()) {
            jedis.set(key, "v");
        }
        node.restart();
        try (Jedis jedis = node.client()) {
            assertEquals("v", jedis.get(key));
            assertEquals("OK", jedis.set(key, "w"));
        }
        String groups = get("/api/groups");
        assertTrue(groups.contains("\"master\":\"127.0.0.1:" + node.port() + "\""), groups);
    }

    @Test
    void slotsAreNotGivenToAMasterThatIsNotRunning() throws Exception {
        assertEquals(201, post("/api/groups", "{\"id\":2}").statusCode());
        assertEquals(200, post("/api/groups/2/servers", "{\"node\":\"127.0.0.1:1\"}").statusCode());
        HttpResponse<String> refused = post("/api/slots/assign", "{\"from\":900,\"to\":900,\"group\":2}");
        assertEquals(503, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("127.0.0.1:1 is not up"), refused.body());
        assertTrue(get("/api/slots").contains("{\"id\":900,\"group\":1,\"action\":null}"));
        try (Jedis jedis = node.client()) {
            // The refused assignment unsealed the slot: writes go on.
            assertEquals("OK", jedis.set(keyInSlot(900), "x"));
        }
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
