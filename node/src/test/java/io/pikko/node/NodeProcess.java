package io.pikko.node;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        return start(dataDir, settings, List.of());
    }

    /** Starts the node's JVM through {@code launcher} (a command that runs the rest of its line, such as strace). */
    public static NodeProcess start(Path dataDir, Map<String, String> settings, List<String> launcher)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(command(dataDir, settings));
        File log = Files.createTempFile(dataDir.getParent(), dataDir.getFileName() + "-", ".log").toFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        return new NodeProcess(process, awaitReady(process, log.toPath(), Duration.ofSeconds(120)));
    }

    /** How a node that was expected not to start ended: its exit code, all it printed, and how long it ran. */
    public record Exit(int code, String output, Duration took) {}

    /**
     * Starts a node that should not get ready and waits for it to exit, at most {@code limit}; a
     * node still running then is killed and reported with the code -1.
     */
    public static Exit runUntilExit(Path logDir, Path dataDir, Map<String, String> settings, Duration limit)
            throws IOException, InterruptedException {
        File log = Files.createTempFile(logDir, "failed-start-", ".log").toFile();
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command(dataDir, settings)).redirectErrorStream(true).redirectOutput(log).start();
        boolean exited = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        return new Exit(exited ? process.exitValue() : -1, Files.readString(log.toPath()), took);
    }

    private static List<String> command(Path dataDir, Map<String, String> settings) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        // Port 0 everywhere: the OS picks free ports at bind time; the node logs the RESP port it got.
        // A setting given below comes later on the command line, and so wins.
        command.add("-Dpikko.port=0");
        command.add("-Dpikko.cluster.port=0");
        command.add("-Dpikko.admin.port=0");
        command.add("-Dpikko.data-dir=" + dataDir);
        command.add("-Dpikko.storage.block-cache=32m");
        command.add("-Dpikko.storage.write-buffer=8m");
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add(PikkoMain.class.getName());
        return command;
    }

    /** Waits for the node's "ready" log line and returns the RESP port it names. */
    private static int awaitReady(Process process, Path log, Duration timeout) throws IOException, InterruptedException {
        Pattern ready = Pattern.compile("Pikko node ready: RESP on [^ ]+:(\\d+),");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = ready.matcher(Files.readString(log));
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("node exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        // A node that never got ready must not outlive the test.
        destroyTree(process);
        throw new IllegalStateException("node not ready within " + timeout + ":\n" + Files.readString(log));
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
        destroyTree(process);
    }

    /** Kills the JVM under a launcher too: killing the launcher alone would leave it running. */
    private static void destroyTree(Process process) throws InterruptedException {
        for (ProcessHandle descendant : process.descendants().toList()) {
            descendant.destroyForcibly();
            descendant.onExit().join();
        }
        process.destroyForcibly().waitFor();
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
