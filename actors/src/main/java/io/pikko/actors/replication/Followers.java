package io.pikko.actors.replication;

import io.pikko.actors.LocalSlots;
import io.pikko.actors.SlotEntity;
import io.pikko.commands.SlotDigest;
import io.pikko.protocol.NodeClock;
import io.pikko.protocol.SlotHash;
import io.pikko.storage.PikkoStore;
import io.pikko.storage.SlotKeyspace;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * This node's replicas, one {@link SlotFollower} per slot it follows: the slots of the groups
 * that list this node but not as their master, or, while this standalone node replicates another
 * ({@code SLAVEOF}), every slot, from that node. Told the set whenever the topology changes; keeps
 * the latest status each follower reported on {@code board}, for INFO replication and the admin API.
 */
public final class Followers {
    private Followers() {}

    public sealed interface Command {}

    /**
     * Follow exactly these slots from now on, each from the master named (reached through
     * sharding, wherever the slot's entity runs; the name is for reports). {@code ofOwnGroup}: the
     * slots of the groups this node is a server of, as master or replica; a slot followed until
     * now that is not among them left the group, and its copy here is deleted.
     */
    public record Follow(Map<Integer, String> masters, Set<Integer> ofOwnGroup) implements Command {}

    /**
     * Follow every slot from the standalone node {@code master}, each reached through {@code via},
     * instead of what the cluster's topology says; a null {@code master} goes back to the topology.
     * A new {@code via} (the master restarted) starts every follower afresh from its position.
     */
    public record FollowUpstream(String master, IntFunction<RecipientRef<SlotEntity.Command>> via) implements Command {}

    /**
     * The digest of the slot's data as this node's replica holds it (see {@link SlotDigest});
     * empty when this node does not follow the slot.
     */
    public record Digest(int slot, ActorRef<Optional<ReplicaDigest>> replyTo) implements Command {}

    private record Reported(FollowerStatus status) implements Command {}

    private record Ended(int slot, ActorRef<SlotFollower.Command> follower) implements Command {}

    /**
     * {@code entities} reaches a slot's entity wherever it runs; {@code self} is this node's RESP
     * address. Spawn it on the storage dispatcher: its followers inherit it.
     */
    public static Behavior<Command> create(PikkoStore store, int databases, String self, LocalSlots localSlots,
                                           IntFunction<RecipientRef<SlotEntity.Command>> entities, NodeClock clock,
                                           ReplicationBoard board) {
        return Behaviors.setup(context -> {
            Map<Integer, ActorRef<SlotFollower.Command>> running = new HashMap<>();
            // A stopped follower's name stays taken until it has stopped; each one gets its own.
            long[] spawned = {0};
            ActorRef<FollowerStatus> reports = context.messageAdapter(FollowerStatus.class, Reported::new);
            // A slot whose copy is being deleted gets no new follower until the deletion is done.
            Map<Integer, ActorRef<SlotFollower.Command>> dropping = new HashMap<>();
            Map<Integer, String> fromTopology = new HashMap<>();
            Set<Integer> ofOwnGroup = new HashSet<>();
            FollowUpstream[] upstream = {new FollowUpstream(null, entities)};
            Runnable apply = () -> {
                Map<Integer, String> masters = new HashMap<>();
                if (upstream[0].master() == null) {
                    masters.putAll(fromTopology);
                } else {
                    for (int slot = 0; slot < SlotHash.SLOTS; slot++) {
                        masters.put(slot, upstream[0].master());
                    }
                }
                IntFunction<RecipientRef<SlotEntity.Command>> via = upstream[0].master() == null ? entities : upstream[0].via();
                for (var it = running.entrySet().iterator(); it.hasNext(); ) {
                    var entry = it.next();
                    int slot = entry.getKey();
                    if (!masters.containsKey(slot)) {
                        if (upstream[0].master() == null && !ofOwnGroup.contains(slot)) {
                            entry.getValue().tell(SlotFollower.Drop.INSTANCE);
                            dropping.put(slot, entry.getValue());
                        } else {
                            context.stop(entry.getValue());
                        }
                        board.stoppedFollowing(slot);
                        it.remove();
                    }
                }
                masters.forEach((slot, master) -> {
                    ActorRef<SlotFollower.Command> follower = running.get(slot);
                    if (follower != null) {
                        follower.tell(new SlotFollower.MasterIs(master));
                    } else if (localSlots.entity(slot) == null && !dropping.containsKey(slot)) {
                        follower = context.spawn(
                                SlotFollower.create(SlotKeyspace.replica(store, slot, databases), via.apply(slot),
                                        master, self, localSlots, clock, reports),
                                "follower-" + slot + "-" + ++spawned[0], DispatcherSelector.sameAsParent());
                        context.watchWith(follower, new Ended(slot, follower));
                        running.put(slot, follower);
                    }
                });
            };
            return Behaviors.receive(Command.class)
                    .onMessage(Follow.class, follow -> {
                        fromTopology.clear();
                        fromTopology.putAll(follow.masters());
                        ofOwnGroup.clear();
                        ofOwnGroup.addAll(follow.ofOwnGroup());
                        apply.run();
                        return Behaviors.same();
                    })
                    .onMessage(FollowUpstream.class, follow -> {
                        if (follow.master() != null && follow.via() == upstream[0].via()) {
                            apply.run(); // the same link again: start only the followers that are missing
                            return Behaviors.same();
                        }
                        // Followers reach their master the way they were made to: new ways, new followers.
                        running.forEach((slot, follower) -> {
                            context.stop(follower);
                            board.stoppedFollowing(slot);
                        });
                        running.clear();
                        upstream[0] = follow.master() == null ? new FollowUpstream(null, entities) : follow;
                        apply.run();
                        return Behaviors.same();
                    })
                    .onMessage(Digest.class, digest -> {
                        ActorRef<SlotFollower.Command> follower = running.get(digest.slot());
                        if (follower == null) {
                            digest.replyTo().tell(Optional.empty());
                        } else {
                            follower.tell(new SlotFollower.Digest(digest.replyTo()));
                        }
                        return Behaviors.same();
                    })
                    .onMessage(Reported.class, reported -> {
                        if (running.containsKey(reported.status().slot())) {
                            board.followed(reported.status());
                        }
                        return Behaviors.same();
                    })
                    .onMessage(Ended.class, ended -> {
                        if (running.get(ended.slot()) == ended.follower()) {
                            running.remove(ended.slot());
                            board.stoppedFollowing(ended.slot());
                        }
                        if (dropping.get(ended.slot()) == ended.follower()) {
                            dropping.remove(ended.slot());
                            apply.run(); // the slot may have come back meanwhile
                        }
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
