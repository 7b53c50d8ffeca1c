package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.node.PrometheusText.Family;
import io.pikko.node.PrometheusText.Sample;
import io.pikko.protocol.SlotHash;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The admin port answers health and Prometheus metrics over real HTTP; the metrics read as the text format. */
class AdminHttpTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(TestNode node, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.adminPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Family> metrics(TestNode node) throws Exception {
        HttpResponse<String> response = get(node, "/metrics");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), response.headers().toString());
        return PrometheusText.parse(response.body());
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
            Map<String, Family> before = metrics(node);
            assertEquals("counter", before.get("pikko_commands_total").type());
            assertEquals(25, value(before, "pikko_commands_total", Map.of("cmd", "set")));
            assertEquals("histogram", before.get("pikko_command_duration_seconds").type());
            assertEquals(25, value(before, "pikko_command_duration_seconds_count", Map.of("cmd", "set")));
            assertEquals(1, value(before, "pikko_connected_clients", Map.of()));
            assertEquals(0, value(before, "pikko_connections_rejected_total", Map.of()));
            assertTrue(value(before, "pikko_rocksdb_estimated_keys", Map.of("family", "meta")) >= 0);
            assertTrue(value(before, "pikko_rocksdb_block_cache_capacity_bytes", Map.of()) > 0);
            assertTrue(before.containsKey("jvm_memory_used_bytes"), before.keySet().toString());
            // GC pauses appear only after a collection; the allocation counter is there from the start.
            assertTrue(before.containsKey("jvm_gc_memory_allocated_bytes_total"), before.keySet().toString());
            // The commands per range of 64 slots: the SETs, each counted in its key's range.
            Map<String, Double> perRange = new java.util.HashMap<>();
            for (int i = 0; i < 25; i++) {
                int first = SlotHash.slotOf(("m" + i).getBytes(StandardCharsets.UTF_8)) / 64 * 64;
                perRange.merge(first + "-" + (first + 63), 1.0, Double::sum);
            }
            Family slotCommands = before.get("pikko_slot_commands_total");
            assertEquals("counter", slotCommands.type());
            assertEquals(16, slotCommands.samples().size());
            for (Sample range : slotCommands.samples()) {
                assertEquals(perRange.getOrDefault(range.labels().get("slots"), 0.0), range.value(), range.toString());
            }
            // RocksDB's statistics tickers and write stall counts.
            assertEquals("counter", before.get("pikko_rocksdb_block_cache_hits_total").type());
            assertTrue(value(before, "pikko_rocksdb_block_cache_misses_total", Map.of()) >= 0);
            assertEquals(0, value(before, "pikko_rocksdb_stall_seconds_total", Map.of()));
            assertEquals(0, value(before, "pikko_rocksdb_write_stalls_total", Map.of("family", "data", "kind", "stop")));
            assertEquals(0, value(before, "pikko_rocksdb_write_stalls_total", Map.of("family", "meta", "kind", "delay")));
            assertTrue(value(before, "pikko_rocksdb_compaction_read_bytes_total", Map.of()) >= 0);
            assertEquals(0, value(before, "pikko_protocol_errors_total", Map.of()));
            // A lone node runs the dashboard: its state is shown here.
            assertEquals(0, value(before, "pikko_dashboard_unassigned_slots", Map.of()));
            assertEquals(0, value(before, "pikko_dashboard_actions", Map.of("state", "migrating")));

            // Load: the latency histogram of GET fills, bucket by bucket, and its sum grows.
            double getSumBefore = valueOr(before, "pikko_command_duration_seconds_sum", Map.of("cmd", "get"));
            for (int i = 0; i < 500; i++) {
                jedis.get("m" + (i % 25));
            }
            Map<String, Family> after = metrics(node);
            assertEquals(500, value(after, "pikko_commands_total", Map.of("cmd", "get")));
            assertEquals(500, value(after, "pikko_command_duration_seconds_bucket", Map.of("cmd", "get", "le", "+Inf")));
            assertTrue(value(after, "pikko_command_duration_seconds_sum", Map.of("cmd", "get")) > getSumBefore);
            long filledBuckets = after.get("pikko_command_duration_seconds").samples().stream()
                    .filter(s -> s.name().endsWith("_bucket") && "get".equals(s.labels().get("cmd"))
                            && !s.labels().get("le").equals("+Inf") && s.value() > 0)
                    .count();
            assertTrue(filledBuckets > 0, "no finite bucket counts a GET");

            // Under load the GETs' range counts them too.
            int getRange = SlotHash.slotOf("m0".getBytes(StandardCharsets.UTF_8)) / 64 * 64;
            Map<String, String> range = Map.of("slots", getRange + "-" + (getRange + 63));
            assertTrue(value(after, "pikko_slot_commands_total", range) >= value(before, "pikko_slot_commands_total", range) + 20);

            // A frame the RESP decoder refuses closes its connection and counts as a protocol error.
            try (Socket socket = new Socket("127.0.0.1", node.port())) {
                socket.getOutputStream().write("*1\r\n$x\r\n".getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertTrue(answer.startsWith("-ERR Protocol error"), answer);
            }
            assertEquals(1, value(metrics(node), "pikko_protocol_errors_total", Map.of()));

            HttpResponse<String> missing = get(node, "/nope");
            assertEquals(404, missing.statusCode());
            assertEquals("{\"error\":\"no such resource\"}", missing.body());
        }
    }

    @Test
    void theParserRefusesWhatIsNotTheTextFormat() {
        assertThrows("pikko_x 1\n");
        assertThrows("# TYPE pikko_x gauge\npikko_x{a=b} 1\n");
        assertThrows("# TYPE pikko_x gauge\npikko_x one\n");
        assertThrows("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\nh_sum 1\n");
    }

    private static void assertThrows(String text) {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse(text));
    }

    private static double value(Map<String, Family> families, String sample, Map<String, String> labels) {
        return find(families, sample, labels).orElseThrow(() -> new AssertionError("no sample " + sample + labels)).value();
    }

    private static double valueOr(Map<String, Family> families, String sample, Map<String, String> labels) {
        return find(families, sample, labels).map(Sample::value).orElse(0.0);
    }

    private static java.util.Optional<Sample> find(Map<String, Family> families, String sample, Map<String, String> labels) {
        return families.values().stream().flatMap(f -> f.samples().stream())
                .filter(s -> s.name().equals(sample) && s.labels().equals(labels)).findFirst();
    }
}
