package io.pikko.node;

import io.pikko.dashboard.Dashboard;
import io.pikko.dashboard.FunctionLibraries;
import io.pikko.gateway.FunctionStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * The cluster's function libraries as this node's gateway sees them: the dashboard journals them
 * (so they outlive every node), and this node keeps the last copy it heard of, refreshed on a
 * timer and after every read or change it makes, for FCALL to use without a round trip.
 */
final class ClusterFunctions implements FunctionStore {
    /** How long a FUNCTION command waits for the dashboard (a singleton that may be moving). */
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);

    private final ActorSystem<?> system;
    private final ActorRef<Dashboard.Command> dashboard;
    private volatile LibraryCodes cached = new LibraryCodes(-1, List.of());

    private ClusterFunctions(ActorSystem<?> system, ActorRef<Dashboard.Command> dashboard) {
        this.system = system;
        this.dashboard = dashboard;
    }

    /** Starts keeping this node's copy, read again every {@code refresh}. */
    static ClusterFunctions start(ActorSystem<?> system, ActorRef<Dashboard.Command> dashboard, Duration refresh) {
        ClusterFunctions functions = new ClusterFunctions(system, dashboard);
        system.scheduler().scheduleWithFixedDelay(Duration.ZERO, refresh, functions::latest, system.executionContext());
        return functions;
    }

    @Override
    public LibraryCodes cached() {
        return cached;
    }

    @Override
    public CompletionStage<LibraryCodes> latest() {
        LibraryCodes known = cached;
        return AskPattern.<Dashboard.Command, FunctionLibraries>ask(dashboard,
                replyTo -> new Dashboard.GetFunctions(known.revision(), replyTo), ASK_TIMEOUT, system.scheduler())
                .thenApply(libraries -> libraries.revision() == known.revision() ? known : heard(libraries));
    }

    @Override
    public CompletionStage<Boolean> replace(long revision, List<byte[]> codes) {
        return AskPattern.<Dashboard.Command, Dashboard.FunctionsReplaced>ask(dashboard,
                        replyTo -> new Dashboard.ReplaceFunctions(revision, codes, replyTo), ASK_TIMEOUT, system.scheduler())
                .thenApply(answer -> {
                    heard(answer.now());
                    return answer.replaced();
                });
    }

    /** Keeps the newer of the copy held and the one heard. */
    private LibraryCodes heard(FunctionLibraries libraries) {
        LibraryCodes heard = new LibraryCodes(libraries.revision(), libraries.codes());
        synchronized (this) {
            if (heard.revision() >= cached.revision()) {
                cached = heard;
            }
        }
        return heard;
    }
}
