package io.pikko.multijvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An H2 TCP server in its own process, as {@code ./pikko cluster start} runs it: the journal outlives
 * any node, including the one the dashboard runs on. It takes connections from this machine only.
 */
final class H2JournalServer implements JournalDatabase {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;

    private H2JournalServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static H2JournalServer start(Path workDir, NodeDistribution distribution) throws IOException, InterruptedException {
        int port = FreePorts.take(1)[0];
        Path baseDir = Files.createDirectories(workDir.resolve("h2"));
        Path log = workDir.resolve("h2.log");
        Process process = new ProcessBuilder(List.of(NodeDistribution.java(), "-Xmx128m", "-XX:+UseSerialGC",
                "-cp", distribution.h2Jar().toString(), "org.h2.tools.Server",
                "-tcp", "-tcpPort", String.valueOf(port), "-ifNotExists", "-baseDir", baseDir.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        H2JournalServer server = new H2JournalServer(process, port);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.readString(log).contains("TCP server running")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                server.close();
                throw new IllegalStateException("the H2 journal server did not start:\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
        return server;
    }

    @Override
    public String url() {
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/pikko-dashboard;WRITE_DELAY=0";
    }

    @Override
    public String user() {
        return "pikko";
    }

    @Override
    public String password() {
        return "pikko";
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
