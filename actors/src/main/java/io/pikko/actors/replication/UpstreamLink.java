package io.pikko.actors.replication;

import io.pikko.actors.LocalSlots;
import io.pikko.actors.SlotEntity;
import io.pikko.protocol.SlotHash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;

/**
 * A standalone node's link to the standalone master it replicates ({@code SLAVEOF host port}), a
 * Pikko node of another cluster. The master is named by its RESP address, as Redis names it; the
 * link asks it (over RESP, through {@code clusterAddressOf}) for its cluster address, and then
 * reaches its slots' entities through its shard region, which answers binlog and snapshot reads
 * from outside its cluster as from inside. This node's own entities stop first, so that only the
 * followers write the slots; they answer reads meanwhile. A master that restarts is found again.
 */
public final class UpstreamLink extends AbstractBehavior<UpstreamLink.Command> {
    public sealed interface Command {}

    /** Replicate {@code master} (a RESP address) from now on, or no node when empty; answered once in effect. */
    public record ReplicaOf(Optional<String> master, ActorRef<Done> replyTo) implements Command {}

    private record Resolved(long attempt, ActorRef<ShardingEnvelope<SlotEntity.Command>> region) implements Command {}

    private record Unresolved(long attempt, String why) implements Command {}

    private record Lost(long attempt) implements Command {}

    private record Check(long attempt) implements Command {}

    private static final Duration CHECK_EVERY = Duration.ofMillis(50);
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration RESOLVE_TIMEOUT = Duration.ofSeconds(3);
    /** The master's shard region of slot entities, below its cluster address. */
    private static final String REGION_PATH = "/system/sharding/slot";

    private final Function<String, CompletionStage<String>> clusterAddressOf;
    private final ActorRef<Followers.Command> followers;
    private final LocalSlots localSlots;
    private final ReplicationBoard board;
    private final Consumer<Optional<String>> remember;
    private final TimerScheduler<Command> timers;
    private final List<ActorRef<SlotEntity.Command>> forwarders = new ArrayList<>();
    /** Bumped by every change and every new try: answers to an older one are ignored. */
    private long attempt;
    private String master;
    private ActorRef<Done> answerWhenStopped;
    private Followers.FollowUpstream following;
    private ActorRef<?> watched;
    private String lastProblem;

    private UpstreamLink(ActorContext<Command> context, TimerScheduler<Command> timers,
                         Function<String, CompletionStage<String>> clusterAddressOf, ActorRef<Followers.Command> followers,
                         LocalSlots localSlots, ReplicationBoard board, Consumer<Optional<String>> remember) {
        super(context);
        this.timers = timers;
        this.clusterAddressOf = clusterAddressOf;
        this.followers = followers;
        this.localSlots = localSlots;
        this.board = board;
        this.remember = remember;
    }

    /**
     * {@code clusterAddressOf} gives a node's cluster address ({@code pekko://pikko@host:port}) from
     * its RESP address; {@code remember} keeps the choice across restarts.
     */
    public static Behavior<Command> create(Function<String, CompletionStage<String>> clusterAddressOf,
                                           ActorRef<Followers.Command> followers, LocalSlots localSlots,
                                           ReplicationBoard board, Consumer<Optional<String>> remember) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new UpstreamLink(context, timers, clusterAddressOf, followers, localSlots, board, remember)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(ReplicaOf.class, this::onReplicaOf)
                .onMessage(Check.class, check -> {
                    if (check.attempt() == attempt) {
                        check();
                    }
                    return this;
                })
                .onMessage(Resolved.class, resolved -> {
                    if (resolved.attempt() == attempt && master != null) {
                        follow(resolved.region());
                    }
                    return this;
                })
                .onMessage(Unresolved.class, unresolved -> {
                    if (unresolved.attempt() == attempt && master != null) {
                        if (!unresolved.why().equals(lastProblem)) {
                            lastProblem = unresolved.why();
                            getContext().getLog().warn("replica of {}: cannot follow it yet ({}); trying every second",
                                    master, lastProblem);
                        }
                        timers.startSingleTimer(new Lost(attempt), RETRY);
                    }
                    return this;
                })
                .onMessage(Lost.class, lost -> {
                    if (lost.attempt() == attempt && master != null) {
                        attempt++;
                        resolve();
                    }
                    return this;
                })
                .build();
    }

    private Behavior<Command> onReplicaOf(ReplicaOf replicaOf) {
        attempt++;
        remember.accept(replicaOf.master());
        if (replicaOf.master().isPresent()) {
            master = replicaOf.master().get();
            // Another master than before: the link is made again, and the followers start afresh.
            following = null;
            board.upstream(replicaOf.master());
            retireEntities();
            replicaOf.replyTo().tell(Done.getInstance());
        } else {
            master = null;
            answerWhenStopped = replicaOf.replyTo();
            following = null;
            followers.tell(new Followers.FollowUpstream(null, null));
        }
        timers.startSingleTimer(new Check(attempt), CHECK_EVERY);
        return this;
    }

    /** Waits for this node's entities to stop (a new master) or its followers to stop (no master). */
    private void check() {
        if (master == null) {
            if (localSlots.anyReplica()) {
                timers.startSingleTimer(new Check(attempt), CHECK_EVERY);
                return;
            }
            board.upstream(Optional.empty());
            stopForwarders();
            if (watched != null) {
                getContext().unwatch(watched);
                watched = null;
            }
            if (answerWhenStopped != null) {
                answerWhenStopped.tell(Done.getInstance());
                answerWhenStopped = null;
            }
        } else if (localSlots.anyEntity()) {
            retireEntities();
            timers.startSingleTimer(new Check(attempt), CHECK_EVERY);
        } else if (following == null) {
            resolve();
        } else {
            if (!localSlots.everyReplica()) {
                // A follower stopped (an entity started here after all, and was retired): start it again.
                followers.tell(following);
            }
            timers.startSingleTimer(new Check(attempt), RETRY);
        }
    }

    private void retireEntities() {
        for (int slot = 0; slot < SlotHash.SLOTS; slot++) {
            ActorRef<SlotEntity.Command> entity = localSlots.entity(slot);
            if (entity != null) {
                entity.tell(SlotEntity.Retire.INSTANCE);
            }
        }
    }

    private void resolve() {
        long current = attempt;
        CompletionStage<ActorRef<ShardingEnvelope<SlotEntity.Command>>> region = clusterAddressOf.apply(master)
                .thenCompose(address -> Adapter.toClassic(getContext().getSystem())
                        .actorSelection(address + REGION_PATH)
                        .resolveOne(RESOLVE_TIMEOUT))
                .thenApply(classic -> Adapter.<ShardingEnvelope<SlotEntity.Command>>toTyped(classic));
        getContext().pipeToSelf(region, (found, failure) -> found != null ? new Resolved(current, found)
                : new Unresolved(current, failure.getMessage()));
    }

    private void follow(ActorRef<ShardingEnvelope<SlotEntity.Command>> region) {
        stopForwarders();
        if (watched != null) {
            getContext().unwatch(watched);
        }
        watched = region;
        getContext().watchWith(region, new Lost(attempt));
        for (int slot = 0; slot < SlotHash.SLOTS; slot++) {
            int s = slot;
            forwarders.add(getContext().spawn(Behaviors.<SlotEntity.Command>receiveMessage(message -> {
                region.tell(SlotEntity.envelope(s, message));
                return Behaviors.same();
            }), "to-slot-" + slot + "-of-" + attempt));
        }
        List<ActorRef<SlotEntity.Command>> via = List.copyOf(forwarders);
        following = new Followers.FollowUpstream(master, via::get);
        lastProblem = null;
        getContext().getLog().info("replica of {}: following its {} slots from {}", master, SlotHash.SLOTS, region.path());
        followers.tell(following);
        timers.startSingleTimer(new Check(attempt), RETRY);
    }

    private void stopForwarders() {
        forwarders.forEach(getContext()::stop);
        forwarders.clear();
    }
}
