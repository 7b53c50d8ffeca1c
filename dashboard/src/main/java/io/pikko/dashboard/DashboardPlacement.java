package io.pikko.dashboard;

import io.pikko.sharding.SlotMasters;
import io.pikko.sharding.SlotPlacement;
import io.pikko.storage.SlotHash;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/** Slot placement read from the dashboard itself on every call, never from a cached copy. */
public final class DashboardPlacement implements SlotPlacement {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final ActorSystem<?> system;
    private final ActorRef<Dashboard.Command> dashboard;

    public DashboardPlacement(ActorSystem<?> system, ActorRef<Dashboard.Command> dashboard) {
        this.system = system;
        this.dashboard = dashboard;
    }

    @Override
    public CompletionStage<SlotMasters> masters() {
        return AskPattern.<Dashboard.Command, Topology>ask(dashboard, Dashboard.GetTopology::new, TIMEOUT, system.scheduler())
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
