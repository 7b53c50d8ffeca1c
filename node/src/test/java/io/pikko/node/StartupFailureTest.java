package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.protocol.NodeClock;
import io.pikko.storage.PikkoStore;
import io.pikko.storage.StoreOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * A node process that cannot start prints one line naming the cause and the setting, exits with 1
 * within bounded time, and leaves nothing behind: the next node starts on the same data directory.
 */
class StartupFailureTest {
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    @Test
    void respPortInUse() throws Exception {
        Path data = temp.resolve("data");
        try (ServerSocket taken = listen()) {
            int port = taken.getLocalPort();
            NodeProcess.Exit exit = NodeProcess.runUntilExit(temp, data, Map.of("pikko.port", String.valueOf(port)), EXIT_WITHIN);
            assertFailedWith(exit, "port " + port + " (pikko.port) is in use");
        }
        assertReleased(data);
    }

    @Test
    void adminPortInUse() throws Exception {
        Path data = temp.resolve("data");
        try (ServerSocket taken = listen()) {
            int port = taken.getLocalPort();
            NodeProcess.Exit exit = NodeProcess.runUntilExit(temp, data, Map.of("pikko.admin.port", String.valueOf(port)),
                    EXIT_WITHIN);
            assertFailedWith(exit, "port " + port + " (pikko.admin.port) is in use");
        }
        assertReleased(data);
    }

    @Test
    void clusterPortInUse() throws Exception {
        Path data = temp.resolve("data");
        try (ServerSocket taken = listen()) {
            int port = taken.getLocalPort();
            NodeProcess.Exit exit = NodeProcess.runUntilExit(temp, data, Map.of("pikko.cluster.port", String.valueOf(port)),
                    EXIT_WITHIN);
            assertFailedWith(exit, "port " + port + " (pikko.cluster.port) is in use");
        }
        assertReleased(data);
    }

    @Test
    void dataDirectoryOfARunningNode() throws Exception {
        Path data = temp.resolve("data");
        try (NodeProcess running = NodeProcess.start(data, Map.of())) {
            try (Jedis jedis = running.client()) {
                jedis.set("owner", "first");
            }
            NodeProcess.Exit exit = NodeProcess.runUntilExit(temp, data, Map.of(), EXIT_WITHIN);
            assertFailedWith(exit, "data directory " + data + " (pikko.data-dir) is in use by another node (pid "
                    + running.process().pid() + ")");
            try (Jedis jedis = running.client()) {
                assertEquals("first", jedis.get("owner"), "the running node keeps serving its data");
            }
            assertEquals(0, running.terminate());
        }
        assertReleased(data);
    }

    @Test
    void dataDirectoryThatCannotBeCreated() throws Exception {
        Path file = Files.writeString(temp.resolve("a-file"), "not a directory");
        Path data = file.resolve("data");
        NodeProcess.Exit exit = NodeProcess.runUntilExit(temp, data, Map.of(), EXIT_WITHIN);
        assertFailedWith(exit, "data directory " + data + " (pikko.data-dir) cannot be created: " + data + ": Not a directory");
    }

    @Test
    void journalThatCannotBeReached() throws Exception {
        Path data = temp.resolve("data");
        int closed;
        try (ServerSocket socket = listen()) {
            closed = socket.getLocalPort();
        }
        String url = "jdbc:h2:tcp://127.0.0.1:" + closed + "/pikko-dashboard";
        NodeProcess.Exit exit = NodeProcess.runUntilExit(temp, data,
                Map.of("pikko.journal.url", url, "pikko.journal.user", "pikko", "pikko.journal.password", "pikko"),
                EXIT_WITHIN);
        String line = failureLine(exit);
        assertTrue(line.startsWith("cannot reach the journal at " + url + " (pikko.journal.url): "), line);
        assertTrue(line.contains("Connection refused"), line);
        assertReleased(data);
    }

    private static ServerSocket listen() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    private static void assertFailedWith(NodeProcess.Exit exit, String reason) {
        assertEquals(reason, failureLine(exit), exit.output());
    }

    /** The one "cannot start" line, after the exit code and the time to exit are checked. */
    private static String failureLine(NodeProcess.Exit exit) {
        assertEquals(1, exit.code(), "exit code; the node printed:\n" + exit.output());
        assertTrue(exit.took().compareTo(EXIT_WITHIN) < 0, "took " + exit.took());
        String prefix = "pikko: cannot start: ";
        List<String> lines = exit.output().lines().filter(l -> l.startsWith(prefix)).toList();
        assertEquals(1, lines.size(), "one line saying why; the node printed:\n" + exit.output());
        return lines.get(0).substring(prefix.length());
    }

    /** Whatever the failed start had opened is free again: the data directory and its store open. */
    private static void assertReleased(Path data) {
        DataDirLock.acquire(data).close();
        PikkoStore.open(StoreOptions.defaults(data.resolve("db")), NodeClock.SYSTEM).close();
    }
}
