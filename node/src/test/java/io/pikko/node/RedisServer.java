package io.pikko.node;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import redis.clients.jedis.Jedis;

/** A real redis-server on a free port, for comparing Pikko's replies with Redis's own. */
final class RedisServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private RedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts one, or skips the calling test (saying why) when redis-server is not installed. */
    static RedisServer startOrSkip() throws IOException, InterruptedException {
        assumeTrue(RedisCliTest.onPath("redis-server"),
                "redis-server is not installed (./pikko test installs it as root): skipping the comparison with Redis");
        // A free port can be taken by someone else before redis-server binds it: try a few.
        for (int attempt = 0; attempt < 5; attempt++) {
            RedisServer server = start(TestNode.freePort());
            if (server != null) {
                return server;
            }
        }
        throw new IllegalStateException("redis-server did not start");
    }

    private static RedisServer start(int port) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("redis-server");
        Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        RedisServer server = new RedisServer(process, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Jedis jedis = server.client()) {
                jedis.ping();
                return server;
            } catch (RuntimeException notYet) {
                Thread.sleep(100);
            }
        }
        server.close();
        return null;
    }

    int port() {
        return port;
    }

    Jedis client() {
        return new Jedis("127.0.0.1", port, 10_000);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
