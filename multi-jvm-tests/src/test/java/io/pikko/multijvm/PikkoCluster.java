package io.pikko.multijvm;

import com.fasterxml.jackson.databind.JsonNode;
import io.pikko.testing.Eventually;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * A Pikko cluster of real node JVMs on 127.0.0.1, for tests: the journal's database server, then
 * node 0 (the oldest member, so the dashboard singleton starts there), then the others joining it,
 * each on free ports with its own data directory and log under one temp directory. Any node can be
 * killed, stopped and restarted on the same ports and data.
 *
 * <p>Used as a JUnit extension on a static field, it starts before the class's tests and is gone
 * after them; when a test fails, the end of every node's log is attached to the failure, so CI
 * output shows what the nodes did.
 * <pre>
 * &#64;RegisterExtension
 * static final PikkoCluster cluster = PikkoCluster.of(3);
 * </pre>
 */
public final class PikkoCluster implements AutoCloseable, BeforeAllCallback, AfterAllCallback,
        TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration MEMBERS_TIMEOUT = Duration.ofSeconds(90);
    private static final int LOG_TAIL_LINES = 80;

    private final int size;
    private final JournalDatabase.Source journalSource;
    private final List<ClusterNode> nodes = new ArrayList<>();
    private NodeDistribution distribution;
    private Path workDir;
    private JournalDatabase journal;
    private Thread reaper;
    private String adminToken = "";

    private PikkoCluster(int size, JournalDatabase.Source journalSource) {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster has at least one node");
        }
        this.size = size;
        this.journalSource = journalSource;
    }

    /** {@code size} nodes sharing an H2 TCP journal server, as {@code ./pikko cluster start} runs them. */
    public static PikkoCluster of(int size) {
        return new PikkoCluster(size, H2JournalServer::start);
    }

    /** {@code size} nodes sharing the journal database the source makes (PostgreSQL, say). */
    public static PikkoCluster withJournal(int size, JournalDatabase.Source journal) {
        return new PikkoCluster(size, journal);
    }

    /** Gives every node this admin token (pikko.admin.token); the nodes' {@link ClusterNode#admin()} clients send it. */
    public PikkoCluster withAdminToken(String token) {
        this.adminToken = token;
        return this;
    }

    /** Starts the journal server and every node, and returns once all are ready and see each other Up. */
    public PikkoCluster start() throws Exception {
        if (workDir != null) {
            throw new IllegalStateException("already started");
        }
        distribution = NodeDistribution.built();
        workDir = Files.createTempDirectory("pikko-cluster-");
        reaper = new Thread(this::killAll, "pikko-cluster-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            journal = journalSource.open(workDir, distribution);
            int[] ports = FreePorts.take(3 * size);
            for (int i = 0; i < size; i++) {
                nodes.add(new ClusterNode(i, ports[3 * i], ports[3 * i + 1], ports[3 * i + 2],
                        workDir.resolve("node-" + i), workDir.resolve("node-" + i + ".log"), adminToken));
            }
            // Node 0 forms the cluster alone and is up before anyone joins, so it is the oldest member.
            ClusterNode first = nodes.get(0);
            first.start(distribution, List.of(first.clusterAddress()), journal);
            first.awaitReady(READY_TIMEOUT);
            for (ClusterNode node : nodes.subList(1, size)) {
                node.start(distribution, List.of(first.clusterAddress()), journal);
            }
            for (ClusterNode node : nodes.subList(1, size)) {
                node.awaitReady(READY_TIMEOUT);
            }
            awaitMembersUp();
            return this;
        } catch (Exception | AssertionError e) {
            e.addSuppressed(new NodeLogs(logTails()));
            close();
            throw e;
        }
    }

    public ClusterNode node(int index) {
        return nodes.get(index);
    }

    public List<ClusterNode> nodes() {
        return List.copyOf(nodes);
    }

    public int size() {
        return size;
    }

    /** The database the nodes keep the dashboard's journal in. */
    public JournalDatabase journal() {
        return journal;
    }

    /** SIGKILL to one node's JVM, and waits for it to be gone. */
    public void kill9(int index) throws InterruptedException {
        node(index).kill9();
    }

    /** SIGSTOP to one node's JVM: it stops in its tracks, connections open, as if cut off. */
    public void freeze(int index) throws IOException, InterruptedException {
        node(index).freeze();
    }

    /** SIGCONT to a frozen node's JVM. */
    public void thaw(int index) throws IOException, InterruptedException {
        node(index).thaw();
    }

    /** SIGTERM to one node, waiting for it to leave and exit; returns its exit code. */
    public int terminate(int index) throws InterruptedException {
        return node(index).terminate();
    }

    /**
     * Starts a stopped node again on its ports and data directory. It joins the nodes still running
     * (only if none runs does it form a cluster alone), and returns once it is ready and all
     * running nodes see each other Up.
     */
    public void restart(int index) throws Exception {
        ClusterNode node = node(index);
        List<String> seeds = nodes.stream().filter(n -> n != node && n.isAlive()).map(ClusterNode::clusterAddress).toList();
        node.start(distribution, seeds.isEmpty() ? List.of(node.clusterAddress()) : seeds, journal);
        node.awaitReady(READY_TIMEOUT);
        awaitMembersUp();
    }

    /**
     * Waits until every running node's {@code GET /api/nodes} lists every running node as Up, and its
     * {@code GET /api/groups} answers (the dashboard is there).
     */
    public void awaitMembersUp() throws InterruptedException {
        List<ClusterNode> running = nodes.stream().filter(ClusterNode::isAlive).toList();
        for (ClusterNode observer : running) {
            Eventually.await(MEMBERS_TIMEOUT, () -> {
                List<JsonNode> members = observer.admin().nodes();
                for (ClusterNode member : running) {
                    if (members.stream().noneMatch(m -> describes(m, member) && isUp(m))) {
                        throw new AssertionError(observer + " does not see " + member + " Up: " + members);
                    }
                }
                observer.admin().groups();
            });
        }
    }

    /** Whether a member entry of {@code GET /api/nodes} is this node: its RESP address. */
    private static boolean describes(JsonNode member, ClusterNode node) {
        return member.path("resp").asText().equals(node.respAddress());
    }

    /** A member's status is "up"; an unreachable one's is "unreachable", whatever its membership status. */
    private static boolean isUp(JsonNode member) {
        return member.path("status").asText().equals("up");
    }

    /** The end of every node's log, each under a header naming the node, whether it runs and its log file. */
    public String logTails() {
        if (nodes.isEmpty()) {
            return " no node was started";
        }
        StringBuilder out = new StringBuilder();
        for (ClusterNode node : nodes) {
            out.append("\n---- ").append(node).append(node.isAlive() ? ", running" : ", not running")
                    .append(", last ").append(LOG_TAIL_LINES).append(" lines of ").append(node.log()).append(" ----\n")
                    .append(node.logTail(LOG_TAIL_LINES)).append('\n');
        }
        return out.toString();
    }

    /** Kills every node and the journal server and deletes the temp directory. */
    @Override
    public void close() {
        killAll();
        if (reaper != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to: it does the same.
            }
            reaper = null;
        }
        if (workDir != null && Files.exists(workDir)) {
            deleteTree(workDir);
        }
    }

    private void killAll() {
        for (ClusterNode node : nodes) {
            try {
                node.kill9();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (journal != null) {
            journal.close();
            journal = null;
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        failure.addSuppressed(new NodeLogs(logTails()));
        throw failure;
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        failure.addSuppressed(new NodeLogs(logTails()));
        throw failure;
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        failure.addSuppressed(new NodeLogs(logTails()));
        throw failure;
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        failure.addSuppressed(new NodeLogs(logTails()));
        throw failure;
    }

    /** Carries the nodes' logs in a failure's report; it has no stack trace of its own. */
    private static final class NodeLogs extends RuntimeException {
        NodeLogs(String logs) {
            super("node logs:" + logs, null, false, false);
        }
    }
}
