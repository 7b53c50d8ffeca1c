package io.pikko.multijvm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.Jedis;

/**
 * One node of a {@link PikkoCluster}: a JVM started from the built node jar, with its ports, data
 * directory and log fixed for its whole life, so a restart brings back the same node on its data.
 * Every start appends to the same log, after a header line.
 */
public final class ClusterNode {
    private static final Pattern READY = Pattern.compile("Pikko node ready: RESP on [^ ]+:(\\d+),");
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final int index;
    private final int respPort;
    private final int adminPort;
    private final int clusterPort;
    private final Path dataDir;
    private final Path log;
    private final String adminToken;
    private Process process;
    private long logStart;
    private int starts;

    /** @param adminToken the node's pikko.admin.token, empty for none; its {@link #admin()} client sends it */
    ClusterNode(int index, int respPort, int adminPort, int clusterPort, Path dataDir, Path log, String adminToken) {
        this.adminToken = adminToken;
        this.index = index;
        this.respPort = respPort;
        this.adminPort = adminPort;
        this.clusterPort = clusterPort;
        this.dataDir = dataDir;
        this.log = log;
    }

    /** Starts this node's JVM, joining {@code seeds} (cluster addresses); returns at once. */
    void start(NodeDistribution distribution, List<String> seeds, JournalDatabase journal) throws IOException {
        if (isAlive()) {
            throw new IllegalStateException("node " + index + " is running");
        }
        Files.createDirectories(dataDir);
        List<String> command = new ArrayList<>(List.of(NodeDistribution.java(),
                // Small and quick to start: a test cluster holds little data, and several run on one machine.
                "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", distribution.classpath(),
                "-Dpikko.port=" + respPort,
                "-Dpikko.admin.port=" + adminPort,
                "-Dpikko.cluster.host=127.0.0.1",
                "-Dpikko.cluster.port=" + clusterPort,
                "-Dpikko.data-dir=" + dataDir,
                "-Dpikko.storage.block-cache=16m",
                "-Dpikko.storage.write-buffer=8m",
                "-Dpikko.journal.url=" + journal.url(),
                "-Dpikko.journal.user=" + journal.user(),
                "-Dpikko.journal.password=" + journal.password()));
        command.add("io.pikko.node.PikkoMain");
        starts++;
        Files.writeString(log, "==== start " + starts + " of node " + index + ", seeds " + seeds + " ====\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        logStart = Files.size(log);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("PIKKO_CLUSTER_SEEDS", String.join(",", seeds));
        if (!adminToken.isEmpty()) {
            builder.environment().put("PIKKO_ADMIN_TOKEN", adminToken);
        }
        process = builder.start();
    }

    /** Waits for this start's "Pikko node ready" line, which must name the RESP port the node was given. */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher ready = READY.matcher(currentLog());
            if (ready.find()) {
                int port = Integer.parseInt(ready.group(1));
                if (port != respPort) {
                    throw new IllegalStateException("node " + index + " reports RESP port " + port + ", not " + respPort);
                }
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + index + " exited with " + process.exitValue()
                        + " while starting:\n" + logTail(60));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("node " + index + " not ready within " + timeout + ":\n" + logTail(60));
            }
            Thread.sleep(100);
        }
    }

    /** What the running (or last) start of this node has logged. */
    private String currentLog() throws IOException {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) Math.min(logStart, all.length), (int) Math.max(0, all.length - logStart),
                StandardCharsets.UTF_8);
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no leaving the cluster; the others find out by failure detection. */
    void kill9() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /** SIGSTOP: the process freezes as in a long pause or a partition; its sockets stay open, nothing answers. */
    void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT: a frozen process runs on from where it stopped, with whatever queued meanwhile. */
    void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        if (!isAlive()) {
            throw new IllegalStateException("node " + index + " is not running");
        }
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " of node " + index + " failed");
        }
    }

    /** Waits up to {@code timeout} for the process to exit on its own; whether it did. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process == null || process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGTERM, as a service manager sends it: the node leaves the cluster and exits; SIGKILL if it hangs. */
    int terminate() throws InterruptedException {
        if (process == null) {
            throw new IllegalStateException("node " + index + " was never started");
        }
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            kill9();
            throw new IllegalStateException("node " + index + " did not stop within " + STOP_TIMEOUT + " of SIGTERM:\n"
                    + logTail(60));
        }
        return process.exitValue();
    }

    public int index() {
        return index;
    }

    public int respPort() {
        return respPort;
    }

    public int adminPort() {
        return adminPort;
    }

    public int clusterPort() {
        return clusterPort;
    }

    /** The node's name in groups: its RESP address. */
    public String respAddress() {
        return "127.0.0.1:" + respPort;
    }

    public String clusterAddress() {
        return "127.0.0.1:" + clusterPort;
    }

    public Path log() {
        return log;
    }

    /** A new client connection to this node; the caller closes it. */
    public Jedis jedis() {
        return new Jedis("127.0.0.1", respPort, 15_000);
    }

    public AdminClient admin() {
        return new AdminClient("127.0.0.1", adminPort, adminToken);
    }

    /** The last lines of this node's log, over all its starts. */
    public String logTail(int lines) {
        try {
            List<String> all = Arrays.asList(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\n", -1));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return "node " + index + " (RESP " + respPort + ", admin " + adminPort + ", cluster " + clusterPort + ")";
    }
}
