package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The admin port answers health and Prometheus metrics over real HTTP. */
class AdminHttpTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(TestNode node, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.adminPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAndMetrics() throws Exception {
        try (TestNode node = TestNode.start(); Jedis jedis = node.client()) {
            HttpResponse<String> health = get(node, "/health");
            assertEquals(200, health.statusCode());
            assertEquals("{\"status\":\"up\"}", health.body());

            for (int i = 0; i < 25; i++) {
                jedis.set("m" + i, "v");
            }
            HttpResponse<String> metrics = get(node, "/metrics");
            assertEquals(200, metrics.statusCode());
            Matcher processed = Pattern.compile("(?m)^pikko_commands_processed_total (\\d+)$").matcher(metrics.body());
            assertTrue(processed.find(), metrics.body());
            assertTrue(Long.parseLong(processed.group(1)) >= 25, metrics.body());
            assertTrue(metrics.body().contains("# TYPE pikko_connected_clients gauge\npikko_connected_clients 1\n"), metrics.body());

            HttpResponse<String> missing = get(node, "/nope");
            assertEquals(404, missing.statusCode());
            assertEquals("{\"error\":\"no such resource\"}", missing.body());
        }
    }
}
