package io.pikko.dashboard;

import io.pikko.sharding.SlotMasters;
import io.pikko.sharding.SlotPlacement;
import io.pikko.protocol.SlotHash;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/** Slot placement read from the dashboard itself on every call, never from a cached copy. */
public final class DashboardPlacement implements SlotPlacement {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final ActorSystem<?> system;
    private final Supplier<ActorRef<Dashboard.Command>> dashboard;

    /**
     * {@code dashboard} gives the singleton's proxy, or null before it exists: the dashboard needs
     * the slot shards, and the shards need this, so one of them is started before the other.
     */
    public DashboardPlacement(ActorSystem<?> system, Supplier<ActorRef<Dashboard.Command>> dashboard) {
        this.system = system;
        this.dashboard = dashboard;
    }

    @Override
    public CompletionStage<SlotMasters> masters() {
        ActorRef<Dashboard.Command> proxy = dashboard.get();
        if (proxy == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the dashboard is not started yet"));
        }
        return AskPattern.<Dashboard.Command, Topology>ask(proxy, Dashboard.GetTopology::new, TIMEOUT, system.scheduler())
                .thenApply(DashboardPlacement::mastersOf);
    }

    static SlotMasters mastersOf(Topology topology) {
        String[] masters = new String[SlotHash.SLOTS];
        for (int slot = 0; slot < SlotHash.SLOTS; slot++) {
            masters[slot] = topology.masterOf(slot).orElse(null);
        }
        return new SlotMasters(masters);
    }
}
