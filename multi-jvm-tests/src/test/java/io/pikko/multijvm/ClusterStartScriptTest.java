package io.pikko.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pikko.testing.Eventually;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * {@code ./pikko cluster start --nodes 4 --replicas 1}, run as an operator runs it: the script
 * starts four node JVMs and an H2 server in a temporary directory (its ports moved by
 * {@code --port-offset} to ones that are free), and lays them out as two groups of a master and a
 * replica with the 1024 slots split between them, ready to serve.
 */
class ClusterStartScriptTest {
    private static final int NODES = 4;

    @TempDir
    Path dir;

    record Run(int exit, String output) {}

    @Test
    void fourNodesWithOneReplicaEachMakeTwoGroupsOfTwo() throws Exception {
        int offset = freeOffset();
        try {
            Run start = pikko("cluster", "start", "--nodes", "4", "--replicas", "1", "--port-offset", String.valueOf(offset));
            assertEquals(0, start.exit(), start.output());
            assertTrue(start.output().contains("laying out 2 groups of 2 nodes"), start.output());

            AdminClient admin = new AdminClient("127.0.0.1", 9280 + offset, "");
            List<String> resp = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                resp.add("127.0.0.1:" + (9221 + offset + i));
            }
            // Every node ran "ready" before the layout; the members' states are the cluster's view, which may trail it.
            Eventually.await(Duration.ofSeconds(30), () -> {
                JsonNode groups = admin.get("/api/groups").json();
                assertEquals(2, groups.size(), groups.toString());
                for (int g = 0; g < 2; g++) {
                    JsonNode group = groups.get(g);
                    assertEquals(g + 1, group.get("id").asInt());
                    assertEquals(List.of(resp.get(2 * g), resp.get(2 * g + 1)), texts(group.get("servers")));
                    assertEquals(512, group.get("slots").asInt(), group.toString());
                    JsonNode members = group.get("members");
                    assertEquals(List.of("master", "replica"), List.of(members.get(0).get("role").asText(),
                            members.get(1).get("role").asText()));
                    assertEquals(List.of("up", "up"), List.of(members.get(0).get("state").asText(),
                            members.get(1).get("state").asText()), group.toString());
                }
            });
            JsonNode slots = admin.get("/api/slots").json();
            assertEquals(1024, slots.size());
            for (JsonNode slot : slots) {
                int expected = slot.get("id").asInt() < 512 ? 1 : 2;
                assertEquals(expected, slot.get("group").asInt(), slot.toString());
            }

            // Ready to use: a key of group 2's slots written through a replica of group 1, read through the other.
            // Right after the layout the new master may still wait for its first write lease (gateways retry
            // meanwhile), so the clients allow more than Jedis's 2 s.
            String key = SlotKeys.inSlots("script:", 700, 700, 1).get(0);
            int timeoutMillis = 15_000;
            try (Jedis replicaOfOne = new Jedis("127.0.0.1", 9221 + offset + 1, timeoutMillis);
                 Jedis replicaOfTwo = new Jedis("127.0.0.1", 9221 + offset + 3, timeoutMillis)) {
                assertEquals("OK", replicaOfOne.set(key, "v"));
                assertEquals("v", replicaOfTwo.get(key));
            }

            // Run again: nothing to start, and the layout stays as it is.
            Run again = pikko("cluster", "start", "--nodes", "4", "--replicas", "1");
            assertEquals(0, again.exit(), again.output());
            assertTrue(!again.output().contains("laying out"), again.output());
            assertEquals(2, admin.get("/api/groups").json().size());
        } finally {
            Run stop = pikko("cluster", "stop");
            assertEquals(0, stop.exit(), stop.output());
        }
    }

    @Test
    void nodesThatDoNotFillTheGroupsAreRefused() throws Exception {
        Run refused = pikko("cluster", "start", "--nodes", "3", "--replicas", "1");
        assertEquals(2, refused.exit(), refused.output());
        assertEquals("pikko: --nodes 3 cannot be laid out in groups of 2 (a master and 1 replica each): give a multiple of 2\n",
                refused.output());
        assertTrue(!Files.exists(dir.resolve("cluster")), "nothing was started");
    }

    /** Runs the launcher with {@code --dir} in this test's directory; its output and error output together. */
    private Run pikko(String... args) throws IOException, InterruptedException {
        Path script = NodeDistribution.built().jar().getParent().getParent().getParent().resolve("pikko");
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--dir", dir.resolve("cluster").toString()));
        Path output = Files.createTempFile(dir, "pikko", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        // Four nodes beside the other tests' JVMs: a small heap each is plenty for an empty cluster.
        builder.environment().put("PIKKO_HEAP", "384m");
        Process process = builder.start();
        if (!process.waitFor(8, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the launcher did not return: " + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    /** An offset that frees every port the script's cluster takes: H2, and each node's RESP, admin and cluster ports. */
    private static int freeOffset() {
        Random random = new Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            // Below 7000 every port stays under 32768, out of the range the kernel hands out to outgoing connections.
            int offset = 1000 + random.nextInt(6000);
            List<Integer> ports = new ArrayList<>(List.of(9092 + offset));
            for (int i = 0; i < NODES; i++) {
                ports.addAll(List.of(9221 + offset + i, 9280 + offset + i, 25520 + offset + i));
            }
            if (ports.stream().allMatch(ClusterStartScriptTest::free)) {
                return offset;
            }
        }
        throw new IllegalStateException("no port offset with every port free");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
