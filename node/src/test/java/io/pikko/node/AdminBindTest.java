package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The admin API listens on 127.0.0.1 (pikko.admin.bind) whatever address RESP listens on. */
class AdminBindTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    private static int health(String host, int port) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/health")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void theAdminPortStaysOnLoopbackWhenRespListensElsewhere() throws Exception {
        // 127.0.0.2 is this machine's loopback too, but a different address from 127.0.0.1.
        try (TestNode node = TestNode.start(Map.of("pikko.bind", "127.0.0.2"));
             Jedis jedis = new Jedis("127.0.0.2", node.port(), 30_000)) {
            assertEquals("PONG", jedis.ping());
            assertEquals(200, health("127.0.0.1", node.adminPort()));
            assertThrows(ConnectException.class, () -> health("127.0.0.2", node.adminPort()));
        }
    }
}
