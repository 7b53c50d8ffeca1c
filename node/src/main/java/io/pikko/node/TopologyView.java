package io.pikko.node;

import io.pikko.dashboard.Dashboard;
import io.pikko.dashboard.Topology;
import io.pikko.dashboard.TopologyTopic;
import io.pikko.sharding.NodeRoles;
import io.pikko.protocol.SlotHash;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * This node's copy of the topology, and which slots have a live master now: changed as the
 * dashboard announces each new topology (see {@link TopologyTopic}), fetched again on a timer in
 * case an announcement was lost, and recomputed on every membership change. Read on every request, so a
 * read is one volatile load.
 */
public final class TopologyView {
    /** What a reader sees: one consistent state. */
    private record Snapshot(Optional<Topology> topology, boolean[] served, boolean[] local, Set<String> liveNodes) {}

    /** How long after a slot changed master its requests may have been dropped in the hand-off. */
    private static final long RECENT_MOVE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String selfNode;
    /** Told each newer topology, on the watcher's thread. */
    private final List<Consumer<Topology>> listeners = new CopyOnWriteArrayList<>();
    /** When each slot's master last changed in this view (0: never seen to change); watcher thread writes. */
    private final long[] movedAtNanos = new long[SlotHash.SLOTS];
    private volatile Snapshot snapshot = new Snapshot(Optional.empty(), new boolean[SlotHash.SLOTS],
            new boolean[SlotHash.SLOTS], Set.of());

    private TopologyView(String selfNode) {
        this.selfNode = selfNode;
    }

    /** Starts keeping the view of node {@code selfNode} (its RESP address) up to date. */
    public static TopologyView start(ActorSystem<?> system, ActorRef<Dashboard.Command> dashboard, String selfNode,
                                     Duration refresh) {
        TopologyView view = new TopologyView(selfNode);
        system.systemActorOf(view.watcher(dashboard, refresh), "topology-view", Props.empty());
        return view;
    }

    /** The latest topology this node has heard of; empty until the dashboard first answers. */
    public Optional<Topology> topology() {
        return snapshot.topology();
    }

    /** The slot's group master is an up, reachable member. */
    public boolean isServed(int slot) {
        return snapshot.served()[slot];
    }

    /** This node is the master of the slot's group: the slot's data is kept here. */
    public boolean isLocal(int slot) {
        return snapshot.local()[slot];
    }

    /** The slot's master changed in this view within the last few seconds. */
    public boolean movedRecently(int slot) {
        long moved = movedAtNanos[slot];
        return moved != 0 && System.nanoTime() - moved < RECENT_MOVE_NANOS;
    }

    /** {@code listener} hears every topology newer than the one before, the current one first if there is one. */
    public void whenChanged(Consumer<Topology> listener) {
        listeners.add(listener);
        snapshot.topology().ifPresent(listener);
    }

    /** RESP addresses of the members that are up and reachable. */
    public Set<String> liveNodes() {
        return snapshot.liveNodes();
    }

    public String selfNode() {
        return selfNode;
    }

    private void update(Optional<Topology> topology, ClusterEvent.CurrentClusterState state) {
        Set<String> live = new HashSet<>();
        for (Member member : state.getMembers()) {
            if (member.status() == MemberStatus.up() && !state.getUnreachable().contains(member)) {
                NodeRoles.respAddress(member).ifPresent(live::add);
            }
        }
        boolean[] served = new boolean[SlotHash.SLOTS];
        boolean[] local = new boolean[SlotHash.SLOTS];
        Optional<Topology> before = snapshot.topology();
        long now = System.nanoTime();
        topology.ifPresent(t -> {
            for (int slot = 0; slot < SlotHash.SLOTS; slot++) {
                Optional<String> master = t.masterOf(slot);
                if (before.isPresent() && !before.get().masterOf(slot).equals(master)) {
                    movedAtNanos[slot] = now;
                }
                served[slot] = master.filter(live::contains).isPresent();
                local[slot] = master.filter(selfNode::equals).isPresent();
            }
        });
        snapshot = new Snapshot(topology, served, local, Set.copyOf(live));
        if (topology.isPresent() && (before.isEmpty() || before.get().revision() != topology.get().revision())) {
            listeners.forEach(listener -> listener.accept(topology.get()));
        }
    }

    private sealed interface Event {}

    private enum Refresh implements Event { INSTANCE }

    /** Fetched from the dashboard, or announced by it. */
    private record Fetched(Topology topology) implements Event {}

    private enum FetchFailed implements Event { INSTANCE }

    private enum MembershipChanged implements Event { INSTANCE }

    private Behavior<Event> watcher(ActorRef<Dashboard.Command> dashboard, Duration refresh) {
        return Behaviors.setup(context -> {
            Cluster cluster = Cluster.get(context.getSystem());
            ActorRef<ClusterEvent.ClusterDomainEvent> events =
                    context.messageAdapter(ClusterEvent.ClusterDomainEvent.class, e -> MembershipChanged.INSTANCE);
            cluster.subscriptions().tell(Subscribe.create(events, ClusterEvent.ClusterDomainEvent.class));
            ActorRef<Topic.Command<Topology>> announcements = context.spawn(TopologyTopic.create(), "topology-topic");
            announcements.tell(Topic.subscribe(context.messageAdapter(Topology.class, Fetched::new)));
            return Behaviors.withTimers(timers -> {
                timers.startTimerWithFixedDelay(Refresh.INSTANCE, refresh);
                context.getSelf().tell(Refresh.INSTANCE);
                return Behaviors.receive(Event.class)
                        .onMessageEquals(Refresh.INSTANCE, () -> {
                            context.ask(Topology.class, dashboard, refresh.multipliedBy(4), Dashboard.GetTopology::new,
                                    (topology, failure) -> topology != null ? new Fetched(topology) : FetchFailed.INSTANCE);
                            return Behaviors.same();
                        })
                        .onMessage(Fetched.class, fetched -> {
                            Optional<Topology> current = snapshot.topology();
                            if (current.isEmpty() || current.get().revision() <= fetched.topology().revision()) {
                                update(Optional.of(fetched.topology()), cluster.state());
                            }
                            return Behaviors.same();
                        })
                        .onMessageEquals(FetchFailed.INSTANCE, Behaviors::same)
                        .onMessageEquals(MembershipChanged.INSTANCE, () -> {
                            update(snapshot.topology(), cluster.state());
                            return Behaviors.same();
                        })
                        .build();
            });
        });
    }
}
