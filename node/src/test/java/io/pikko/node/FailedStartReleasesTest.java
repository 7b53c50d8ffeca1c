package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * A start that fails inside a JVM that lives on (a test, an embedding application) closes what it
 * had opened: the next start in the same JVM gets the same data directory and the same ports.
 */
class FailedStartReleasesTest {
    @TempDir
    Path temp;

    @Test
    void aTakenRespPortReleasesTheDataDirectory() throws Exception {
        Path data = temp.resolve("data");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CannotStart failure = assertThrows(CannotStart.class,
                    () -> TestNode.start(data, Map.of("pikko.port", taken.getLocalPort())));
            assertEquals("port " + taken.getLocalPort() + " (pikko.port) is in use", failure.getMessage());
        }
        try (TestNode node = TestNode.start(data, Map.of()); Jedis jedis = node.client()) {
            assertEquals("PONG", jedis.ping());
        }
    }

    @Test
    void aStoreThatCannotOpenReleasesTheRespAndClusterPortsAndTheActorSystem() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        Path inTheWay = Files.writeString(data.resolve("db"), "a file where the store's directory belongs");
        int respPort = freePort();
        int clusterPort = freePort();
        Map<String, Object> fixedPorts = Map.of("pikko.port", respPort, "pikko.cluster.port", clusterPort);
        CannotStart failure = assertThrows(CannotStart.class, () -> TestNode.start(data, fixedPorts));
        assertTrue(failure.getMessage().startsWith("cannot open the store in " + inTheWay + " (pikko.data-dir): "),
                failure.getMessage());

        Files.delete(inTheWay);
        try (TestNode node = TestNode.start(data, fixedPorts); Jedis jedis = node.client()) {
            assertEquals(respPort, node.port());
            assertEquals("PONG", jedis.ping());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
