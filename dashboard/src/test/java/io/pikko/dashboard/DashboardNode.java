package io.pikko.dashboard;

import io.pikko.testing.ProjectConfig;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import io.pikko.actors.migration.MigrationLimits;
import io.pikko.protocol.NodeClock;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * A one-node cluster running the real dashboard singleton on a given journal, as a node started
 * without seeds runs it: the project's config plus {@link DashboardJournal#config}.
 */
final class DashboardNode implements AutoCloseable {
    /** Generous: the first answer waits for the cluster to form and the journal to recover. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    final ActorSystem<Void> system;
    final ActorRef<Dashboard.Command> dashboard;

    private DashboardNode(ActorSystem<Void> system, ActorRef<Dashboard.Command> dashboard) {
        this.system = system;
        this.dashboard = dashboard;
    }

    static DashboardNode start(JournalSettings journal, String selfNode) throws Exception {
        DashboardJournal.createSchema(journal);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "pikko",
                DashboardJournal.config(journal).withFallback(ProjectConfig.load()));
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        // These tests move no data, so the dashboard's slot shards are nobody.
        return new DashboardNode(system, Dashboard.init(system, selfNode, system.deadLetters(), MigrationLimits.defaults(),
                ActionSettings.defaults(), ReplicationSettings.defaults(), NodeClock.SYSTEM));
    }

    Topology topology() throws Exception {
        return ask(Dashboard.GetTopology::new);
    }

    Dashboard.Result change(Function<ActorRef<Dashboard.Result>, Dashboard.Command> command) throws Exception {
        return ask(command);
    }

    /** The change was accepted; its new topology. */
    Topology accepted(Function<ActorRef<Dashboard.Result>, Dashboard.Command> command) throws Exception {
        Dashboard.Result result = change(command);
        if (result instanceof Dashboard.Accepted accepted) {
            return accepted.topology();
        }
        throw new AssertionError("refused: " + result);
    }

    private <T> T ask(Function<ActorRef<T>, Dashboard.Command> command) throws Exception {
        return AskPattern.<Dashboard.Command, T>ask(dashboard, command::apply, TIMEOUT, system.scheduler())
                .toCompletableFuture().get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws ExecutionException, TimeoutException {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the actor system stopped", e);
        }
    }
}
