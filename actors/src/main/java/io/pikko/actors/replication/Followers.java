package io.pikko.actors.replication;

import io.pikko.actors.LocalSlots;
import io.pikko.actors.SlotEntity;
import io.pikko.protocol.NodeClock;
import io.pikko.storage.PikkoStore;
import io.pikko.storage.SlotKeyspace;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * This node's replicas, one {@link SlotFollower} per slot it follows: the slots of the groups
 * that list this node but not as their master. Told the set whenever the topology changes; keeps
 * the latest status each follower reported, for INFO replication and the admin API.
 */
public final class Followers {
    private Followers() {}

    public sealed interface Command {}

    /** Follow exactly these slots from now on (their masters are reached through sharding). */
    public record Follow(Set<Integer> slots) implements Command {}

    /** The status of every slot followed here, by slot. */
    public record GetStatus(ActorRef<List<FollowerStatus>> replyTo) implements Command {}

    private record Reported(FollowerStatus status) implements Command {}

    private record Ended(int slot, ActorRef<SlotFollower.Command> follower) implements Command {}

    /**
     * {@code entities} reaches a slot's entity wherever it runs; {@code self} is this node's RESP
     * address. Spawn it on the storage dispatcher: its followers inherit it.
     */
    public static Behavior<Command> create(PikkoStore store, int databases, String self, LocalSlots localSlots,
                                           IntFunction<RecipientRef<SlotEntity.Command>> entities, NodeClock clock) {
        return Behaviors.setup(context -> {
            Map<Integer, ActorRef<SlotFollower.Command>> running = new HashMap<>();
            Map<Integer, FollowerStatus> statuses = new TreeMap<>();
            // A stopped follower's name stays taken until it has stopped; each one gets its own.
            long[] spawned = {0};
            ActorRef<FollowerStatus> reports = context.messageAdapter(FollowerStatus.class, Reported::new);
            return Behaviors.receive(Command.class)
                    .onMessage(Follow.class, follow -> {
                        for (var it = running.entrySet().iterator(); it.hasNext(); ) {
                            var entry = it.next();
                            if (!follow.slots().contains(entry.getKey())) {
                                context.stop(entry.getValue());
                                statuses.remove(entry.getKey());
                                it.remove();
                            }
                        }
                        for (int slot : follow.slots()) {
                            if (!running.containsKey(slot) && localSlots.entity(slot) == null) {
                                ActorRef<SlotFollower.Command> follower = context.spawn(
                                        SlotFollower.create(SlotKeyspace.replica(store, slot, databases), entities.apply(slot),
                                                self, localSlots, clock, reports),
                                        "follower-" + slot + "-" + ++spawned[0], DispatcherSelector.sameAsParent());
                                context.watchWith(follower, new Ended(slot, follower));
                                running.put(slot, follower);
                            }
                        }
                        return Behaviors.same();
                    })
                    .onMessage(Reported.class, reported -> {
                        if (running.containsKey(reported.status().slot())) {
                            statuses.put(reported.status().slot(), reported.status());
                        }
                        return Behaviors.same();
                    })
                    .onMessage(Ended.class, ended -> {
                        if (running.get(ended.slot()) == ended.follower()) {
                            running.remove(ended.slot());
                            statuses.remove(ended.slot());
                        }
                        return Behaviors.same();
                    })
                    .onMessage(GetStatus.class, get -> {
                        get.replyTo().tell(List.copyOf(statuses.values()));
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
