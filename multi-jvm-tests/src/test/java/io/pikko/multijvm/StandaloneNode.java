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
import java.util.Map;
import java.util.regex.Pattern;
import redis.clients.jedis.Jedis;

/**
 * One node on its own, as {@code ./pikko start} runs it: a JVM from the built node jar with its
 * embedded journal in its data directory, on ports fixed for its whole life, so a restart brings
 * back the same node on its data. Every start appends to one log, after a header line.
 */
final class StandaloneNode implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("Pikko node ready: RESP on [^ ]+:(\\d+),");

    private final NodeDistribution distribution;
    private final Path dataDir;
    private final Path log;
    private final Map<String, String> settings;
    private final int respPort;
    private final int adminPort;
    private final int clusterPort;
    private Process process;
    private long logStart;
    private int starts;

    StandaloneNode(NodeDistribution distribution, Path workDir, Map<String, String> settings) {
        this.distribution = distribution;
        this.dataDir = workDir.resolve("data");
        this.log = workDir.resolve("node.log");
        this.settings = Map.copyOf(settings);
        int[] ports = FreePorts.take(3);
        this.respPort = ports[0];
        this.adminPort = ports[1];
        this.clusterPort = ports[2];
    }

    /** Starts the JVM and returns once it logs that it is ready; throws if it exits or times out first. */
    void start(Duration timeout) throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the node is running");
        }
        List<String> command = new ArrayList<>(List.of(NodeDistribution.java(),
                "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", distribution.classpath(),
                "-Dpikko.port=" + respPort,
                "-Dpikko.admin.port=" + adminPort,
                "-Dpikko.cluster.port=" + clusterPort,
                "-Dpikko.data-dir=" + dataDir,
                "-Dpikko.storage.block-cache=16m",
                "-Dpikko.storage.write-buffer=8m"));
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("io.pikko.node.PikkoMain");
        starts++;
        Files.writeString(log, "==== start " + starts + " ====\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        logStart = Files.size(log);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!READY.matcher(currentLog()).find()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("start " + starts + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("start " + starts + " not ready within " + timeout + ":\n" + logTail());
            }
            Thread.sleep(20);
        }
    }

    private String currentLog() throws IOException {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) Math.min(logStart, all.length), (int) Math.max(0, all.length - logStart),
                StandardCharsets.UTF_8);
    }

    /** SIGKILL: no shutdown hook, nothing flushed or closed. */
    void kill9() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    Jedis jedis() {
        return new Jedis("127.0.0.1", respPort, 15_000);
    }

    String logTail() {
        try {
            List<String> all = Arrays.asList(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\n", -1));
            return String.join("\n", all.subList(Math.max(0, all.size() - 80), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill9();
    }
}
