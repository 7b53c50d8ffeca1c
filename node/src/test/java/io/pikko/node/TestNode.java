package io.pikko.node;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import redis.clients.jedis.Jedis;

/** A real node in the test's JVM, on free ports of 127.0.0.1, with its own data directory. */
public final class TestNode implements AutoCloseable {
    private final Path dataDir;
    private final Map<String, Object> settings;
    private PikkoNode node;

    private TestNode(Path dataDir, Map<String, Object> settings) {
        this.dataDir = dataDir;
        this.settings = settings;
    }

    public static TestNode start() {
        return start(Map.of());
    }

    public static TestNode start(Map<String, Object> overrides) {
        try {
            return start(Files.createTempDirectory("pikko-test"), overrides);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TestNode start(Path dataDir, Map<String, Object> overrides) {
        Map<String, Object> settings = new HashMap<>();
        // Port 0: the OS picks free ports at bind time, so parallel processes never race for one.
        settings.put("pikko.port", 0);
        settings.put("pikko.cluster.port", 0);
        settings.put("pikko.admin.port", 0);
        settings.put("pikko.data-dir", dataDir.toString());
        settings.put("pikko.storage.block-cache", "32m");
        settings.put("pikko.storage.write-buffer", "8m");
        settings.putAll(overrides);
        TestNode node = new TestNode(dataDir, settings);
        node.boot();
        return node;
    }

    private void boot() {
        try {
            node = PikkoNode.start(NodeSettings.load(Map.of(), ConfigFactory.parseMap(settings)));
        } catch (NodeSettings.InvalidSettings | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the node cleanly and starts it again on the same data (on new ports). */
    public void restart() {
        node.close();
        boot();
    }

    public int port() {
        return node.port();
    }

    public int tlsPort() {
        return node.tlsPort().orElseThrow();
    }

    public int adminPort() {
        return node.adminPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    public Jedis client() {
        Jedis jedis = new Jedis("127.0.0.1", port(), 30_000);
        return jedis;
    }

    @Override
    public void close() {
        node.close();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
