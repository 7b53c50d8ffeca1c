package io.pikko.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin port serves the dashboard page and its assets from the jar, with their content types. */
class DashboardAssetsTest {
    private static AdminTestNode node;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        node = AdminTestNode.lone("127.0.0.1:9251", "");
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(node.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageAndItsAssets() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers().toString());
        assertTrue(page.body().contains("<div id=\"slot-map\">"), page.body());
        assertTrue(page.body().contains("src=\"/dashboard/dashboard.js\""), page.body());

        HttpResponse<String> script = get("/dashboard/dashboard.js");
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Type").orElse("").contains("javascript"), script.headers().toString());
        assertTrue(script.body().contains("setInterval(refresh, 1000)"));

        HttpResponse<String> style = get("/dashboard/dashboard.css");
        assertEquals(200, style.statusCode());
        assertTrue(style.headers().firstValue("Content-Type").orElse("").startsWith("text/css"), style.headers().toString());

        HttpResponse<String> missing = get("/dashboard/nope.js");
        assertEquals(404, missing.statusCode());
        assertEquals("{\"error\":\"no such resource\"}", missing.body());
    }
}
