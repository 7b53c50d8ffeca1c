package io.pikko.node;

import com.typesafe.config.ConfigFactory;
import java.util.concurrent.CompletableFuture;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** Starts one node from the command line's settings and runs until SIGTERM, Ctrl-C or SHUTDOWN. */
public final class PikkoMain {
    private PikkoMain() {}

    /**
     * SIGTERM and Ctrl-C stop the node the way SHUTDOWN does, and the process exits with 0 as Redis
     * does. A signal that comes while the node is still starting stops it as soon as it has started.
     */
    private static void stopOnSignal(String name, CompletableFuture<PikkoNode> node) {
        Signal.handle(new Signal(name), signal -> node.thenAccept(PikkoNode::shutdown));
    }

    public static void main(String[] args) throws Exception {
        NodeSettings settings;
        try {
            settings = NodeSettings.load(System.getenv(), ConfigFactory.empty());
        } catch (NodeSettings.InvalidSettings e) {
            System.err.println("pikko: invalid settings, not starting:\n" + e.getMessage());
            System.exit(2);
            return;
        }
        CompletableFuture<PikkoNode> started = new CompletableFuture<>();
        stopOnSignal("TERM", started);
        stopOnSignal("INT", started);
        PikkoNode node;
        try {
            node = PikkoNode.start(settings);
        } catch (CannotStart e) {
            System.err.println("pikko: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        } catch (Exception e) {
            // Not a failure the node knows how to name: the one line, and the trace in the log for a bug report.
            LoggerFactory.getLogger(PikkoMain.class).error("start failed", e);
            System.err.println("pikko: cannot start: " + e);
            System.exit(1);
            return;
        }
        started.complete(node);
        node.whenTerminated().toCompletableFuture().join();
        System.exit(0);
    }
}
