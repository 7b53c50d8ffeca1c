package io.pikko.node;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;

/** A node in its own JVM, started from this test's classpath, that a test can kill for real. */
public final class NodeProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private NodeProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static NodeProcess start(Path dataDir, Map<String, String> settings) throws IOException, InterruptedException {
        int port = TestNode.freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Dpikko.port=" + port);
        command.add("-Dpikko.cluster.port=" + TestNode.freePort());
        command.add("-Dpikko.admin.port=" + TestNode.freePort());
        command.add("-Dpikko.data-dir=" + dataDir);
        command.add("-Dpikko.storage.block-cache=32m");
        command.add("-Dpikko.storage.write-buffer=8m");
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add(PikkoMain.class.getName());
        File log = dataDir.resolveSibling(dataDir.getFileName() + "-" + port + ".log").toFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        NodeProcess node = new NodeProcess(process, port);
        node.awaitReady(Duration.ofSeconds(60));
        return node;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node exited with " + process.exitValue());
            }
            try (Jedis jedis = new Jedis("127.0.0.1", port, 2000)) {
                if ("PONG".equals(jedis.ping())) {
                    return;
                }
            } catch (RuntimeException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("node did not answer PING within " + timeout);
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    public Jedis client() {
        return new Jedis("127.0.0.1", port, 30_000);
    }

    /** SIGKILL: no shutdown hook, no flush. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as Ctrl-C or a service manager would send; returns the exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        process.waitFor();
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
